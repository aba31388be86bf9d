// The sentence an agent reads first when a handoff arrives: why the bot stopped, about which order, what to do
// first — in zh-CN (the desk's language) and English. Built from the facts of the turn, not from the bot's
// trace, so it reads the same whichever flow handed over.
import type { OrderStatus, OrderSummary } from '../models';
import type { CreditReason } from '../models/credit-policy';
import type { HandoffReason } from '../models/conversation-enums';
import type { HumanIntent, Intent } from '../intents/intents';
import { money } from './format';
import { readSentiment } from './sentiment';

export interface SummaryFacts {
  reason: HandoffReason;
  intent: string | null;
  order: OrderSummary | null;
  buyerText: string | null;
  /** Credit reasons, read when the reason is about credit. */
  credit: CreditReason[];
  /** Messages in a row the bot did not understand. */
  misses: number;
}

type Bilingual = { zh: string; en: string };

const TOPIC: Partial<Record<Intent, Bilingual>> & Record<HumanIntent, Bilingual> = {
  card_invalid: { zh: '卡密无效 / 充值失败', en: 'a card key that does not work' },
  payment_issue: { zh: '付款问题', en: 'a payment problem' },
  account_security: { zh: '账号安全', en: 'account security' },
  merchant_issue: { zh: '商家问题', en: 'a problem with the merchant' },
  complaint: { zh: '投诉', en: 'a complaint' },
  human_agent: { zh: '要求人工服务', en: 'asking for a person' },
  forgot_to_pay: { zh: '未付款订单', en: 'an unpaid order' },
  wrong_item: { zh: '买错商品', en: 'a wrong purchase' },
  cancel_order: { zh: '取消订单', en: 'cancelling an order' },
  refund_status: { zh: '退款进度', en: 'refund progress' },
  order_status: { zh: '订单进度 / 发货', en: 'order progress and delivery' },
  price_changed: { zh: '价格变动', en: 'a price change' },
  redeem_help: { zh: '卡密使用方法', en: 'how to redeem a card' },
  cancel_policy: { zh: '取消规则', en: 'the cancellation policy' },
};

const STATUS: Record<OrderStatus, Bilingual> = {
  pending_payment: { zh: '待付款', en: 'awaiting payment' },
  paid: { zh: '已付款', en: 'paid' },
  delivering: { zh: '发货中', en: 'being delivered' },
  delivered: { zh: '已发货', en: 'delivered' },
  completed: { zh: '已完成', en: 'completed' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  refund_pending: { zh: '退款中', en: 'refund pending' },
  refunded: { zh: '已退款', en: 'refunded' },
  disputed: { zh: '争议中', en: 'disputed' },
};

const topicOf = (intent: string | null): Bilingual | null => (intent ? (TOPIC[intent as Intent] ?? null) : null);

function orderPart(order: OrderSummary | null): Bilingual {
  if (!order) return { zh: '未指明订单', en: 'no order named' };
  const revealed = order.revealedAt ? { zh: '，卡密已查看', en: ', card key viewed' } : { zh: '', en: '' };
  return {
    zh: `订单 ${order.orderNo}（${money(order.amountCents)}，${STATUS[order.status].zh}${revealed.zh}）`,
    en: `order ${order.orderNo} (${money(order.amountCents)}, ${STATUS[order.status].en}${revealed.en})`,
  };
}

function why(f: SummaryFacts): Bilingual {
  const topic = topicOf(f.intent);
  const about = topic ? { zh: `，问题：${topic.zh}`, en: ` about ${topic.en}` } : { zh: '', en: '' };
  switch (f.reason) {
    case 'buyer_request':
      return { zh: `买家要求转人工${about.zh}。`, en: `The buyer asked for a person${about.en}.` };
    case 'human_intent':
      return { zh: `需要人工处理${about.zh}。`, en: `Needs a person: the buyer wrote${about.en || ' about something the bot may not handle'}.` };
    case 'negative_sentiment': {
      const signals = f.buyerText ? readSentiment(f.buyerText).signals : [];
      const words = signals.length ? { zh: `（${signals.join('、')}）`, en: ` (${signals.join(', ')})` } : { zh: '', en: '' };
      return { zh: `买家情绪激动${words.zh}${about.zh}，请先安抚再处理。`, en: `The buyer is upset${words.en}${about.en}: calm things down first.` };
    }
    case 'credit_restricted': {
      const reasons = f.credit.length ? { zh: `：${f.credit.map((r) => r.message.zh).join('；')}`, en: `: ${f.credit.map((r) => r.message.en).join('; ')}` } : { zh: '', en: '' };
      return { zh: `买家要取消订单，但信用受限，机器人不能自行取消${reasons.zh}。请人工审核。`, en: `The buyer wants to cancel, but their credit is restricted so the bot may not${reasons.en}. Review it.` };
    }
    case 'amount_limit':
      return { zh: '买家要取消订单，金额超出机器人可自动退款的上限，请人工审核后办理。', en: "The buyer wants to cancel, but the amount is above the bot's refund limit: review and handle it." };
    case 'not_cancellable':
      return { zh: '买家要取消订单，但订单已不能自动取消（卡密已查看或状态已变），请人工核实。', en: 'The buyer wants to cancel, but the order can no longer be cancelled automatically (card viewed or status moved): check it.' };
    case 'misunderstanding':
      return { zh: `机器人连续 ${f.misses} 次没能理解买家的问题。`, en: `The bot did not understand the buyer ${f.misses} times in a row.` };
  }
}

/** One or two sentences per language: the reason, then the order it is about. */
export function describeHandoff(f: SummaryFacts): Bilingual {
  const reason = why(f);
  const order = orderPart(f.order);
  return { zh: `${reason.zh}${order.zh}。`, en: `${reason.en} ${order.en.charAt(0).toUpperCase()}${order.en.slice(1)}.` };
}
