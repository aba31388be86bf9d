// Closed vocabularies of the domain. Every schema, model validator and type derives from these lists.
export const PRODUCT_TYPES = ['game_card', 'phone_topup', 'video_membership', 'gift_card'] as const;
export type ProductType = (typeof PRODUCT_TYPES)[number];
export const PRODUCT_TYPE_LABELS: Record<ProductType, { zh: string; en: string }> = {
  game_card: { zh: '游戏点卡', en: 'Game card' },
  phone_topup: { zh: '话费充值', en: 'Phone top-up' },
  video_membership: { zh: '视频会员', en: 'Video membership' },
  gift_card: { zh: '礼品卡', en: 'Gift card' },
};

export const OPERATORS = ['mobile', 'unicom', 'telecom'] as const;
export type Operator = (typeof OPERATORS)[number];
export const OPERATOR_LABELS: Record<Operator, string> = { mobile: '移动', unicom: '联通', telecom: '电信' };

/** `stock`: keys are loaded ahead and reserved at purchase; `merchant`: the merchant supplies keys at delivery. */
export const FULFILMENT_MODES = ['stock', 'merchant'] as const;

export const CARD_KEY_STATUSES = ['available', 'reserved', 'delivered', 'revealed', 'void'] as const;
export type CardKeyStatus = (typeof CARD_KEY_STATUSES)[number];

export const ORDER_STATUSES = [
  'pending_payment',
  'paid',
  'delivering',
  'delivered',
  'completed',
  'cancelled',
  'refund_pending',
  'refunded',
  'disputed',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ACTOR_TYPES = ['buyer', 'bot', 'agent', 'merchant', 'system'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const CANCEL_CATEGORIES = ['user_initiated', 'merchant_fault', 'system_fault'] as const;
export type CancelCategory = (typeof CANCEL_CATEGORIES)[number];

export const CANCEL_REASONS = [
  'forgot_to_pay',
  'wrong_item',
  'price_changed',
  'delivery_delay',
  'card_invalid',
  'oversold',
  'payment_anomaly',
  'fraud',
  'other',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const PAYMENT_CHANNELS = ['alipay', 'wechat', 'unionpay', 'balance'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const PAYMENT_STATUSES = ['succeeded', 'refunded'] as const;

export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];

export const DISPUTE_STATUSES = ['open', 'resolved', 'rejected'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

export const COMPENSATION_KINDS = ['coupon', 'gift_card'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

export const CREDIT_LEVELS = ['good', 'watch', 'restricted'] as const;
export type CreditLevel = (typeof CREDIT_LEVELS)[number];

export const OUTBOX_STATUSES = ['pending', 'delivered', 'failed'] as const;
