// Everything the bot says, in zh-CN and English. Warm and short: one idea per message, the order number always
// named so the buyer knows which order we mean.
import type { HandoffReason } from '../models/conversation-enums';
import type { BuyerCancelReason, Postback } from './postbacks';

const zh = {
  greeting: '您好，我是卡盟客服小助手 😊 订单付款、取消、退款、卡密使用都可以问我。',
  thanks: '不客气，祝您使用愉快！',
  goodbye: '再见，有需要随时找我～',
  okay: '好的，还有什么可以帮您？',
  /** Joins sentences: Chinese needs no space after its full stops. */
  join: (...parts: string[]) => parts.join(''),
  notUnderstood: '抱歉，我没太明白。您可以直接发订单号，或者说说遇到的问题，比如“我买错了”“退款什么时候到”。',
  offerHuman: '抱歉，我还是没理解您的意思。需要为您转接人工客服吗？',
  humanButton: '转人工客服',
  pickOrder: '请选择您要咨询的订单：',
  noOrders: '没有找到您的订单记录。如果订单是在其他账号下单的，请发订单号给我，或转人工客服。',
  orderNotFound: (no: string) => `没有找到订单 ${no}，请核对一下订单号，或从下面的订单中选择：`,
  selectButton: '选这个',
  orderCard: (no: string, amount: string, status: string) => `订单 ${no} · ${amount} · ${status}`,
  payNow: (no: string, amount: string, deadline: string) => `订单 ${no}（${amount}）还没有付款，请在 ${deadline} 前完成支付；不想要了也可以取消。`,
  payButton: '立即支付',
  cancelButton: '取消订单',
  paymentExpired: (no: string) => `订单 ${no} 已超过付款时间，系统会自动取消并释放库存，您无需操作。需要的话可以重新下单。`,
  alreadyPaid: (no: string, status: string) => `订单 ${no} 已付款成功，当前状态：${status}。`,
  alreadyCancelled: (no: string, status: string) => `订单 ${no} 已经取消了（${status}）。`,
  confirmCancel: (no: string, product: string, amount: string) => `确认取消订单 ${no}（${product}，${amount}）吗？`,
  refundNote: (amount: string) => `${amount} 将原路退回，1–3 个工作日到账。`,
  noRefundNote: '订单未付款，取消后无需退款。',
  confirmButton: '确认取消',
  keepButton: '再想想',
  kept: (no: string) => `好的，订单 ${no} 保持不变。还有什么可以帮您？`,
  staleConfirm: '这个确认已经过期了。请告诉我您现在需要什么帮助。',
  cancelledNoRefund: (no: string) => `已为您取消订单 ${no}，库存已释放。`,
  cancelledRefund: (no: string, amount: string, channel: string, from: string, by: string) =>
    `已为您取消订单 ${no}。${amount} 将退回${channel}，预计 ${from}–${by} 到账。`,
  suggest: '为您找到同品牌的其他规格，点击即可重新下单：',
  noSuggestion: '暂时没有同品牌的其他规格在售，您可以在商城重新选购。',
  reorderButton: '下单',
  reordered: (no: string, amount: string, deadline: string) => `已为您创建新订单 ${no}（${amount}），请在 ${deadline} 前付款。`,
  outOfStock: '抱歉，这个商品刚刚卖完了，请选择其他规格。',
  askReason: (no: string) => `请问取消订单 ${no} 的原因是？`,
  refundLine: (amount: string, channel: string, status: string, from: string, by: string) => `${amount} 退回${channel}：${status}，预计 ${from}–${by} 到账`,
  refundDone: (amount: string, channel: string, at: string) => `${amount} 已于 ${at} 退回${channel}`,
  refundHeader: (no: string) => `订单 ${no} 的退款情况：`,
  refundStatus: { pending: '处理中', succeeded: '已到账', failed: '退款失败，客服会联系您' },
  refundNoneUnpaid: (no: string) => `订单 ${no} 没有付款记录，所以没有需要退的钱。`,
  refundNoneActive: (no: string, status: string) => `订单 ${no} 目前没有退款（${status}）。如需取消退款，可以告诉我原因。`,
  status: (no: string, status: string) => `订单 ${no}：${status}。`,
  deliveringEta: (minutes: number) => `一般 ${minutes} 分钟内发放，请稍候。`,
  overdue: (no: string, minutes: number) => `非常抱歉，订单 ${no} 已超过承诺的 ${minutes} 分钟发货时间。您可以取消并全额退款，或者转人工客服为您催单。`,
  cancelRefundButton: '取消并退款',
  priceChanged: (no: string, amount: string) => `订单 ${no} 按下单时的价格 ${amount} 结算，下单后的价格变动不影响已下的订单。`,
  priceCancelOffer: '如果您想按新价格购买，可以先取消这个订单再重新下单。',
  policyUnpaid: (no: string, deadline: string) => `订单 ${no} 还没付款，可以随时取消；${deadline} 前未付款会自动取消。`,
  policyUndelivered: (no: string) => `订单 ${no} 已付款但卡密还没发放，可以取消并全额退款（1–3 个工作日原路退回）。`,
  policyUnrevealed: (no: string) => `订单 ${no} 的卡密已发放但您还没查看，现在取消可以全额退款，卡密会被收回。`,
  policyRevealed: (no: string) => `订单 ${no} 的卡密已经被查看过，按规定不能自动取消。如果卡密无法使用，请转人工客服核实处理。`,
  policyClosed: (no: string, status: string) => `订单 ${no} 已结束（${status}），不需要再取消。`,
  redeemHeader: (product: string) => `${product} 的使用方法：`,
  redeemGeneric: (product: string) => `${product}：在订单详情中查看卡号和卡密，到对应平台的充值页面输入即可。遇到问题可以转人工客服。`,
  redeemNotYet: (no: string, status: string) => `订单 ${no} 的卡密还没发放（${status}），发放后即可按下面的步骤使用。`,
  handoff: '已为您转接人工客服，请稍候，客服会尽快回复您。',
  stillQueued: '您已在人工客服队列中，客服接入后会第一时间处理；在此之前，订单、退款、卡密使用等问题我也可以继续帮您。',
  handoffReason: {
    human_intent: '这个问题需要人工客服为您处理。',
    buyer_request: '好的，马上为您安排人工客服。',
    credit_restricted: '您的账户近期取消次数较多，取消订单需要人工客服审核。',
    amount_limit: '这笔订单金额较大，为了您的资金安全，由人工客服为您办理。',
    not_cancellable: '这个订单的卡密已被查看，无法自动取消，需要人工客服为您核实。',
    misunderstanding: '抱歉没能帮到您。',
    negative_sentiment: '非常抱歉给您带来不好的体验。',
  } satisfies Record<HandoffReason, string>,
  reasons: {
    forgot_to_pay: '不想付款了',
    wrong_item: '买错了',
    price_changed: '价格变了',
    delivery_delay: '发货太慢',
    other: '其他原因',
  } satisfies Record<BuyerCancelReason, string>,
  orderLabel: (no: string) => `订单 ${no}`,
  reorderLabel: '重新下单',
  cancelReasonLabel: (reason: BuyerCancelReason) => `取消原因：${zh.reasons[reason]}`,
};

export type Texts = typeof zh;

const en: Texts = {
  greeting: "Hi, I'm the store's support assistant 😊 Ask me about paying, cancelling, refunds or using your card.",
  thanks: "You're welcome, enjoy!",
  goodbye: 'Bye, I am here whenever you need me.',
  okay: 'Sure. Anything else I can help with?',
  join: (...parts) => parts.join(' '),
  notUnderstood: 'Sorry, I did not quite get that. You can send me an order number or tell me the problem, e.g. "I bought the wrong item" or "where is my refund".',
  offerHuman: 'Sorry, I still do not understand. Shall I connect you to a human agent?',
  humanButton: 'Talk to a human',
  pickOrder: 'Which order is it about?',
  noOrders: 'I could not find any orders on your account. If you ordered from another account, send me the order number, or talk to a human.',
  orderNotFound: (no) => `I could not find order ${no}. Please check the number, or pick one of your orders:`,
  selectButton: 'This one',
  orderCard: (no, amount, status) => `Order ${no} · ${amount} · ${status}`,
  payNow: (no, amount, deadline) => `Order ${no} (${amount}) is not paid yet. Please pay before ${deadline}, or cancel it if you no longer want it.`,
  payButton: 'Pay now',
  cancelButton: 'Cancel order',
  paymentExpired: (no) => `The payment window of order ${no} has passed; it will be cancelled automatically and nothing is charged. You can order again any time.`,
  alreadyPaid: (no, status) => `Order ${no} is paid. Status: ${status}.`,
  alreadyCancelled: (no, status) => `Order ${no} is already cancelled (${status}).`,
  confirmCancel: (no, product, amount) => `Cancel order ${no} (${product}, ${amount})?`,
  refundNote: (amount) => `${amount} goes back to your original payment method within 1–3 working days.`,
  noRefundNote: 'It is not paid, so there is nothing to refund.',
  confirmButton: 'Yes, cancel it',
  keepButton: 'Keep the order',
  kept: (no) => `OK, order ${no} stays as it is. Anything else?`,
  staleConfirm: 'That confirmation has expired. Tell me what you need and we will go from there.',
  cancelledNoRefund: (no) => `Order ${no} is cancelled and the stock released.`,
  cancelledRefund: (no, amount, channel, from, by) => `Order ${no} is cancelled. ${amount} goes back to your ${channel}, expected between ${from} and ${by}.`,
  suggest: 'Here are other options of the same brand; one tap orders it:',
  noSuggestion: 'No other option of this brand is on sale right now; you can browse the store for alternatives.',
  reorderButton: 'Order',
  reordered: (no, amount, deadline) => `New order ${no} (${amount}) created. Please pay before ${deadline}.`,
  outOfStock: 'Sorry, that one just sold out. Please pick another option.',
  askReason: (no) => `Why would you like to cancel order ${no}?`,
  refundLine: (amount, channel, status, from, by) => `${amount} to your ${channel}: ${status}, expected between ${from} and ${by}`,
  refundDone: (amount, channel, at) => `${amount} returned to your ${channel} on ${at}`,
  refundHeader: (no) => `Refunds of order ${no}:`,
  refundStatus: { pending: 'in progress', succeeded: 'arrived', failed: 'failed, an agent will contact you' },
  refundNoneUnpaid: (no) => `Order ${no} was never paid, so there is no money to refund.`,
  refundNoneActive: (no, status) => `Order ${no} has no refund (${status}). If you want to cancel it, tell me why.`,
  status: (no, status) => `Order ${no}: ${status}.`,
  deliveringEta: (minutes) => `It usually takes up to ${minutes} minutes.`,
  overdue: (no, minutes) => `We are sorry: order ${no} is past the promised ${minutes}-minute delivery. You can cancel it with a full refund, or ask a human agent to chase it.`,
  cancelRefundButton: 'Cancel with refund',
  priceChanged: (no, amount) => `Order ${no} is charged at the price when you ordered, ${amount}; later price changes do not apply to it.`,
  priceCancelOffer: 'To buy at the new price, cancel this order and order again.',
  policyUnpaid: (no, deadline) => `Order ${no} is not paid, so you can cancel it any time; unpaid at ${deadline}, it is cancelled automatically.`,
  policyUndelivered: (no) => `Order ${no} is paid but the card is not issued yet: you can cancel with a full refund (1–3 working days, original payment method).`,
  policyUnrevealed: (no) => `The card of order ${no} is issued but you have not viewed it: cancelling now refunds you in full and the card is taken back.`,
  policyRevealed: (no) => `The card of order ${no} has been viewed, so it cannot be cancelled automatically. If the card does not work, a human agent will check it for you.`,
  policyClosed: (no, status) => `Order ${no} is closed (${status}); there is nothing to cancel.`,
  redeemHeader: (product) => `How to use ${product}:`,
  redeemGeneric: (product) => `${product}: open the order details to see the card number and code, then enter them on the platform's top-up page. A human agent can help if it does not work.`,
  redeemNotYet: (no, status) => `The card of order ${no} is not issued yet (${status}); once it is, follow these steps.`,
  handoff: 'I have passed you to a human agent; they will reply here shortly.',
  stillQueued: 'You are already in the queue for a human agent, who will pick this up first thing; meanwhile I can still help with orders, refunds and using your card.',
  handoffReason: {
    human_intent: 'This needs a human agent.',
    buyer_request: 'Sure, getting you a human agent.',
    credit_restricted: 'Your account has had many recent cancellations, so an agent reviews cancellations.',
    amount_limit: 'For your safety, an agent handles orders of this amount.',
    not_cancellable: 'The card of this order has been viewed, so an agent needs to check it.',
    misunderstanding: 'Sorry I could not help.',
    negative_sentiment: 'I am sorry about your experience.',
  },
  reasons: {
    forgot_to_pay: 'Do not want to pay',
    wrong_item: 'Bought the wrong item',
    price_changed: 'Price changed',
    delivery_delay: 'Delivery too slow',
    other: 'Other reason',
  },
  orderLabel: (no) => `Order ${no}`,
  reorderLabel: 'Order again',
  cancelReasonLabel: (reason) => `Reason: ${en.reasons[reason]}`,
};

export const TEXTS: Record<'zh' | 'en', Texts> = { zh, en };

/** The words of a button, for a transcript line when the widget did not send the label it showed. */
export function describePostback(p: Postback, t: Texts): string {
  switch (p.action) {
    case 'select_order':
      return t.orderLabel(p.orderNo);
    case 'cancel':
      return p.reason ? t.cancelReasonLabel(p.reason) : t.cancelButton;
    case 'confirm':
      return t.confirmButton;
    case 'deny':
      return t.keepButton;
    case 'reorder':
      return t.reorderLabel;
    case 'human':
      return t.humanButton;
  }
}
