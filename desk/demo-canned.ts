// Demo canned responses (zh + en, with the variables agents use most), created with the demo accounts so a fresh
// demo desk has something behind `/`. Repeatable: a (shortcut, lang) that exists is left as the supervisor edited it.
import type { Agent } from '../models';
import { CannedService } from '../models/canned-service';
import { CannedResponse } from '../models/tables';

type Lang = 'zh' | 'en';

const DEMO_CANNED: Array<{ shortcut: string; title: Record<Lang, string>; body: Record<Lang, string> }> = [
  {
    shortcut: 'hello',
    title: { zh: '问候', en: 'Greeting' },
    body: { zh: '您好 {buyerName}，我是客服{agentName}，很高兴为您服务。请问订单 {orderNo} 遇到了什么问题？', en: 'Hello {buyerName}, this is {agentName}. How can I help with order {orderNo}?' },
  },
  {
    shortcut: 'refund-eta',
    title: { zh: '退款到账时间', en: 'Refund timing' },
    body: {
      zh: '订单 {orderNo} 的退款 ¥{amount} 已提交，预计 {refundDate} 前原路退回，请留意到账通知。',
      en: 'The refund of ¥{amount} for order {orderNo} is on its way back to your payment method, expected by {refundDate}.',
    },
  },
  {
    shortcut: 'cancel-done',
    title: { zh: '已为您取消订单', en: 'Order cancelled' },
    body: { zh: '已为您取消订单 {orderNo}，金额 ¥{amount}，预计 {refundDate} 前退回。还有其他可以帮您的吗？', en: 'Order {orderNo} (¥{amount}) is cancelled; the refund should arrive by {refundDate}. Anything else I can do?' },
  },
  {
    shortcut: 'key-replaced',
    title: { zh: '卡密已补发', en: 'Card key replaced' },
    body: { zh: '订单 {orderNo} 的卡密已为您重新发放，请在订单详情中查看新的卡号和卡密。', en: 'A new card key for order {orderNo} has been issued: open the order details to see it.' },
  },
  {
    shortcut: 'sorry-comp',
    title: { zh: '致歉补偿', en: 'Apology and compensation' },
    body: { zh: '{buyerName}，非常抱歉给您带来不便，我们已为订单 {orderNo} 发放一份补偿，请在账户中查收。', en: 'Sorry for the trouble, {buyerName}. We have issued compensation for order {orderNo}; you will find it in your account.' },
  },
  {
    shortcut: 'checking',
    title: { zh: '正在核实', en: 'Checking' },
    body: { zh: '正在为您核实订单 {orderNo} 的情况，请稍候 1–2 分钟。', en: 'I am checking order {orderNo} for you, please give me a minute or two.' },
  },
  {
    shortcut: 'bye',
    title: { zh: '结束语', en: 'Closing' },
    body: { zh: '感谢您的耐心，我是客服{agentName}，祝您生活愉快！稍后请为本次服务打个分。', en: 'Thank you for your patience — {agentName} here. Please rate this chat when it closes.' },
  },
];

/** Creates the missing demo responses as `supervisor`; returns how many were created. */
export async function ensureDemoCanned(supervisor: Agent): Promise<number> {
  const canned = new CannedService();
  let created = 0;
  for (const c of DEMO_CANNED) {
    for (const lang of ['zh', 'en'] as const) {
      if (await CannedResponse.findOne({ where: { shortcut: c.shortcut, lang } })) continue;
      await canned.save(supervisor, { shortcut: c.shortcut, lang, title: c.title[lang], body: c.body[lang] });
      created += 1;
    }
  }
  return created;
}
