// Widget conversation history for the Service analytics: a share of orders leads to a chat shortly after the
// moment that worries the buyer (unpaid, delivered, cancelled…). Most are answered by the bot; the rest are handed
// to the demo agents with the timings the desk would record (first response, handling, SLA breach) and a rating.
import type { InferAttributes } from 'sequelize';
import { handoffPriority } from '../../bot/handoff';
import { describeHandoff } from '../../bot/handoff-summary';
import { TEXTS } from '../../bot/texts';
import type { HandoffReason } from '../../models/conversation-enums';
import type { CancelCategory, CancelReason } from '../../models/enums';
import type { OrderSummary } from '../../models/order-history';
import type { Conversation, ConversationMessage, CsatRating, Handoff } from '../../models/tables';
import type { OrderRow } from './order-story';
import { Random, WeightedTable } from './random';

export type ConversationRow = InferAttributes<Conversation>;
export type MessageRow = InferAttributes<ConversationMessage>;
export type HandoffRow = InferAttributes<Handoff>;
export type CsatRow = InferAttributes<CsatRating>;

export interface ConversationRows {
  conversations: ConversationRow[];
  messages: MessageRow[];
  handoffs: HandoffRow[];
  csat: CsatRow[];
}

/** The chance an order leads to a conversation, and what becomes of the conversations. */
export const CHAT_RATES = { perOrder: 0.08, handoff: 0.2, backToBot: 0.12, rated: 0.75, breach: 0.08 } as const;
/** Conversations stop this long before `now`, so every handoff is closed and no desk timer fires on them. */
const QUIET_MS = 2 * 3_600_000;

interface Topic {
  intent: string;
  texts: string[];
  /** The bot's answer when it handles the question itself. */
  answer: string;
  reason: HandoffReason;
  tag: [CancelCategory, CancelReason] | null;
}

const TOPICS: Record<string, Topic> = {
  forgot_to_pay: {
    intent: 'forgot_to_pay',
    texts: ['刚才忘记付款了，订单还在吗', '订单没付钱会怎样', '付款超时了怎么办'],
    answer: '未付款的订单会在 15 分钟后自动取消，不会扣款；需要的话可以重新下单。',
    reason: 'misunderstanding',
    tag: null,
  },
  payment_issue: {
    intent: 'payment_issue',
    texts: ['付款了但是订单显示未支付', '钱扣了订单没变', '支付宝扣款成功了怎么还没到账'],
    answer: '支付结果有时会延迟一两分钟，请刷新订单页面；若仍未更新，款项会原路退回。',
    reason: 'human_intent',
    tag: null,
  },
  order_status: {
    intent: 'order_status',
    texts: ['我的订单到哪了', '卡密怎么还没发', '订单一直显示发货中'],
    answer: '订单正在发货，卡密发放后会在订单详情中显示，并通知您。',
    reason: 'buyer_request',
    tag: null,
  },
  redeem_help: {
    intent: 'redeem_help',
    texts: ['卡密怎么用', '在哪里输入卡密', '怎么充值到游戏里'],
    answer: '在订单详情中查看卡号和卡密，到对应平台的充值页面输入即可。',
    reason: 'misunderstanding',
    tag: null,
  },
  card_invalid: {
    intent: 'card_invalid',
    texts: ['卡密提示无效', '充值失败说卡密已被使用', '卡号不对用不了'],
    answer: '请确认没有多余的空格并在对应平台充值；若仍提示无效，我们会为您核实补发。',
    reason: 'not_cancellable',
    tag: ['merchant_fault', 'card_invalid'],
  },
  cancel_order: {
    intent: 'cancel_order',
    texts: ['我要取消订单', '买错了帮我取消', '不想要了能退吗'],
    answer: '已为您取消订单，款项将原路退回，预计 1–3 个工作日到账。',
    reason: 'amount_limit',
    tag: ['user_initiated', 'wrong_item'],
  },
  refund_status: {
    intent: 'refund_status',
    texts: ['退款什么时候到账', '钱怎么还没退回来', '退款到哪了'],
    answer: '退款已提交，预计 1–3 个工作日原路退回，请留意到账通知。',
    reason: 'negative_sentiment',
    tag: null,
  },
  human_agent: {
    intent: 'human_agent',
    texts: ['转人工', '我要找人工客服', '人工'],
    answer: '',
    reason: 'buyer_request',
    tag: null,
  },
};

const AGENT_REPLIES = ['您好，我是客服，正在为您查看订单，请稍等。', '您好，已经看到您的问题了，马上为您处理。', '您好，让您久等了，我来帮您核实一下。'];
const LOW_COMMENTS = ['等了太久', '问题还是没解决', '回复太慢了'];
/** Ratings 5…1: mostly happy, a few unhappy, worse after a breached SLA. */
const RATINGS = [5, 4, 3, 2, 1];
const HAPPY = new WeightedTable([0.58, 0.26, 0.08, 0.04, 0.04]);
const BREACHED = new WeightedTable([0.25, 0.3, 0.2, 0.15, 0.1]);

function topicFor(order: OrderRow, r: Random): Topic {
  if (r.chance(0.05)) return TOPICS.human_agent!;
  switch (order.status) {
    case 'pending_payment':
      return TOPICS[r.chance(0.7) ? 'forgot_to_pay' : 'payment_issue']!;
    case 'cancelled':
      return TOPICS[order.paidAt ? 'refund_status' : 'forgot_to_pay']!;
    case 'refund_pending':
    case 'refunded':
      return TOPICS[r.chance(0.6) ? 'refund_status' : 'cancel_order']!;
    case 'paid':
    case 'delivering':
      return TOPICS[r.chance(0.7) ? 'order_status' : 'cancel_order']!;
    case 'disputed':
      return TOPICS.card_invalid!;
    default:
      return TOPICS[r.pick(['redeem_help', 'redeem_help', 'card_invalid', 'order_status'])]!;
  }
}

/** When the buyer writes: a few minutes after the last thing that happened to the order. */
function startOf(order: OrderRow, r: Random): number {
  const last = [order.refundedAt, order.cancelledAt, order.deliveredAt, order.paidAt, order.createdAt].find((d) => d != null)!;
  return last.getTime() + r.int(1, 30) * 60_000 + r.int(0, 59_000);
}

const summaryOrder = (o: OrderRow): OrderSummary => ({
  id: o.id,
  orderNo: o.orderNo,
  status: o.status,
  quantity: o.quantity,
  amountCents: o.amountCents,
  createdAt: o.createdAt.toISOString(),
  paymentExpiresAt: o.paymentExpiresAt.toISOString(),
  paidAt: o.paidAt?.toISOString() ?? null,
  deliveredAt: o.deliveredAt?.toISOString() ?? null,
  revealedAt: o.revealedAt?.toISOString() ?? null,
  product: null,
  payments: [],
  refunds: [],
  cancellation: null,
  cardKeys: [],
});

export interface ConversationOptions {
  random: Random;
  now: Date;
  /** Agent ids (as the desk stores them in `claimed_by`) with their display names. */
  agents: ReadonlyArray<{ key: string; name: string }>;
  firstReplyMs: number;
}

/** Turns orders (in any order of arrival) into conversation rows; ids continue across calls. */
export class ConversationHistory {
  readonly rows: ConversationRows = { conversations: [], messages: [], handoffs: [], csat: [] };

  constructor(private readonly o: ConversationOptions) {}

  add(orders: readonly OrderRow[]): void {
    const r = this.o.random;
    for (const order of orders) {
      if (!r.chance(CHAT_RATES.perOrder)) continue;
      const start = startOf(order, r);
      if (start > this.o.now.getTime() - QUIET_MS) continue;
      this.converse(order, topicFor(order, r), start);
    }
  }

  private message(conversationId: number, role: MessageRow['role'], text: string, at: number, extra: Partial<MessageRow> = {}): MessageRow {
    const row: MessageRow = {
      id: this.rows.messages.length + 1,
      conversationId,
      role,
      type: 'text',
      payload: { text },
      clientMsgId: null,
      replyTo: null,
      nluIntent: null,
      nluConfidence: null,
      turnId: null,
      createdAt: new Date(at),
      ...extra,
    };
    this.rows.messages.push(row);
    return row;
  }

  private converse(order: OrderRow, topic: Topic, start: number): void {
    const r = this.o.random;
    const id = this.rows.conversations.length + 1;
    const t = TEXTS.zh;
    let at = start;
    const buyerText = r.pick(topic.texts);
    const asked = this.message(id, 'buyer', buyerText, at, {
      clientMsgId: `seed-${id}-1`,
      nluIntent: topic.intent,
      nluConfidence: Math.round((0.55 + r.float() * 0.44) * 1000) / 1000,
    });
    at += r.int(400, 2_500);
    const handedOff = topic.intent === 'human_agent' || r.chance(CHAT_RATES.handoff);
    if (!handedOff) this.message(id, 'bot', topic.answer, at, { replyTo: asked.id });
    else this.message(id, 'bot', t.join(t.handoffReason[topic.reason], t.handoff), at, { replyTo: asked.id });

    const conversation: ConversationRow = {
      id,
      buyerId: order.buyerId,
      status: 'bot',
      lang: 'zh',
      intent: topic.intent,
      pending: null,
      orderId: order.id,
      failedCount: 0,
      agentName: null,
      version: 2,
      createdAt: new Date(start),
      updatedAt: new Date(at),
    };
    this.rows.conversations.push(conversation);
    if (handedOff) this.handOff(conversation, order, topic, buyerText, at);
  }

  private handOff(c: ConversationRow, order: OrderRow, topic: Topic, buyerText: string, created: number): void {
    const r = this.o.random;
    const agent = r.pick(this.o.agents);
    const breached = r.chance(CHAT_RATES.breach);
    // Most agents pick a chat up within a couple of minutes; a breached one waited past the SLA.
    const firstResponseMs = breached ? this.o.firstReplyMs + r.int(30_000, 20 * 60_000) : r.int(15_000, Math.floor(this.o.firstReplyMs * 0.9));
    const firstResponseAt = created + firstResponseMs;
    const claimedAt = firstResponseAt - r.int(5_000, Math.min(60_000, firstResponseMs - 1_000));
    const closedAt = firstResponseAt + r.int(2, 18) * 60_000 + r.int(0, 59_000);
    const closedTo = r.chance(CHAT_RATES.backToBot) ? 'bot' : 'closed';
    const detail = describeHandoff({ reason: topic.reason, intent: topic.intent, order: summaryOrder(order), buyerText, credit: [], misses: 0 });
    const handoff: HandoffRow = {
      id: this.rows.handoffs.length + 1,
      conversationId: c.id,
      buyerId: c.buyerId,
      orderId: order.id,
      reason: topic.reason,
      intent: topic.intent,
      summary: { intent: topic.intent, orderNo: order.orderNo, reason: topic.reason, detail: detail.zh, detailEn: detail.en, botActions: [], lastBuyerText: buyerText },
      priority: handoffPriority(topic.reason, topic.intent),
      status: 'closed',
      claimedBy: agent.key,
      claimedAt: new Date(claimedAt),
      closedAt: new Date(closedAt),
      slaDueAt: null,
      replyDueAt: null,
      graceDueAt: null,
      breachedAt: breached ? new Date(created + this.o.firstReplyMs) : null,
      firstResponseAt: new Date(firstResponseAt),
      firstResponseMs,
      handlingMs: closedAt - claimedAt,
      tagCategory: topic.tag?.[0] ?? null,
      tagReason: topic.tag?.[1] ?? null,
      involvesCancellation: topic.tag !== null,
      closedTo,
      createdAt: new Date(created),
      updatedAt: new Date(closedAt),
    };
    this.rows.handoffs.push(handoff);
    this.message(c.id, 'agent', '', firstResponseAt, { payload: { text: r.pick(AGENT_REPLIES), agentName: agent.name }, clientMsgId: `a:seed-${c.id}` });
    c.status = closedTo;
    c.version += 2;
    c.updatedAt = new Date(closedAt);
    if (closedTo === 'closed' && r.chance(CHAT_RATES.rated)) {
      const rating = RATINGS[(breached ? BREACHED : HAPPY).sample(r)]!;
      this.rows.csat.push({
        id: this.rows.csat.length + 1,
        conversationId: c.id,
        handoffId: handoff.id,
        buyerId: c.buyerId,
        rating,
        comment: rating <= 2 ? r.pick(LOW_COMMENTS) : null,
        createdAt: new Date(closedAt + r.int(10_000, 300_000)),
      });
    }
  }
}
