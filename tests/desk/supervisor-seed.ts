// A small training set for the retrain tests: six intents, enough lines per intent for the model's calibration
// folds, small enough that training and cross-validation take milliseconds.
import type { Example } from '../../intents';

const LINES: Record<string, { zh: string[]; en: string[] }> = {
  greeting: {
    zh: ['你好', '您好', '在吗', '有人吗', '哈喽', '你好呀', '早上好', '晚上好', '嗨', '客服你好'],
    en: ['hello', 'hi there', 'good morning', 'hey'],
  },
  thanks: {
    zh: ['谢谢', '多谢', '谢谢你', '感谢', '非常感谢', '谢啦', '辛苦了', '谢谢客服', '好的谢谢', '太感谢了'],
    en: ['thanks', 'thank you', 'thanks a lot', 'many thanks'],
  },
  cancel_order: {
    zh: ['取消订单', '我要取消订单', '帮我取消一下', '不想要了取消吧', '订单取消', '怎么取消订单', '把订单取消掉', '我想退单', '下错了取消', '取消刚才的订单'],
    en: ['cancel my order', 'i want to cancel', 'please cancel the order', 'cancel it'],
  },
  order_status: {
    zh: ['订单到哪了', '怎么还没发货', '卡密什么时候到', '我的订单状态', '付款了还没收到', '多久能到', '订单怎么还在处理', '什么时候发卡', '查一下订单', '还没到账'],
    en: ['where is my order', 'order status', 'not received yet', 'when will it arrive'],
  },
  refund_status: {
    zh: ['退款到哪了', '钱什么时候退回来', '退款还没到', '查一下退款', '退款进度', '多久退款', '退的钱呢', '退款怎么还没到账', '退款成功了吗', '什么时候退钱'],
    en: ['where is my refund', 'refund status', 'refund not received', 'when do i get my money back'],
  },
  out_of_scope: {
    zh: ['今天天气怎么样', '讲个笑话', '你是男的女的', '推荐个电影', '明天会下雨吗', '你几岁了', '唱首歌', '附近有什么好吃的', '股票会涨吗', '你喜欢什么颜色'],
    en: ['tell me a joke', 'what is the weather', 'who are you', 'sing a song'],
  },
};

export const SMALL_SEED: Example[] = Object.entries(LINES).flatMap(([intent, { zh, en }]) => [
  ...zh.map((text) => ({ text, intent, lang: 'zh' }) as Example),
  ...en.map((text) => ({ text, intent, lang: 'en' }) as Example),
]);
