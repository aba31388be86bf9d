// Money, dates and labels as buyers read them, in China time whatever the server's zone.
import { PAYMENT_CHANNELS, PaymentChannel } from '../models';

export type Lang = 'zh' | 'en';

export const money = (cents: number): string => `¥${(cents / 100).toFixed(2)}`;

const ZONE = 'Asia/Shanghai';
const DATE = { zh: new Intl.DateTimeFormat('zh-CN', { timeZone: ZONE, month: 'long', day: 'numeric' }), en: new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, month: 'short', day: 'numeric' }) };
const TIME = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false });

export const day = (lang: Lang, at: Date | string): string => DATE[lang].format(new Date(at));
export const clock = (at: Date | string): string => TIME.format(new Date(at));

const CHANNELS: Record<PaymentChannel, { zh: string; en: string }> = {
  alipay: { zh: '支付宝', en: 'Alipay' },
  wechat: { zh: '微信支付', en: 'WeChat Pay' },
  unionpay: { zh: '银联', en: 'UnionPay' },
  balance: { zh: '账户余额', en: 'store balance' },
};

export const channel = (lang: Lang, name: string): string =>
  (PAYMENT_CHANNELS as readonly string[]).includes(name) ? CHANNELS[name as PaymentChannel][lang] : name;
