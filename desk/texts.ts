// What the desk tells buyers (zh-CN first, English too); delivered as `system` messages in the widget.
export const DESK_TEXTS = {
  breach: { zh: '客服正在赶来…请稍候，您的问题已优先处理。', en: 'An agent is on the way… your request has been moved up the queue.' },
  offline: {
    zh: '当前暂无客服在线（服务时间 {hours}）。您可以直接留言，客服上线后会第一时间处理；订单查询等常见问题可以继续问我。',
    en: 'No agent is online right now (service hours {hours}). Leave a message and an agent will handle it first thing; I can still help with common questions.',
  },
} as const;
