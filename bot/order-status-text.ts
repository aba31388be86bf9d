// One sentence per order status, shown on order cards and pushed live with `order:update`.
import type { OrderStatus } from '../models';

export const ORDER_STATUS_TEXT: Record<OrderStatus, { zh: string; en: string }> = {
  pending_payment: { zh: '订单待付款', en: 'Waiting for payment' },
  paid: { zh: '订单已确认，卡密正在发放', en: 'Payment received, your card is being issued' },
  delivering: { zh: '卡密正在发放', en: 'Your card is being issued' },
  delivered: { zh: '卡密已发放，可在订单详情查看', en: 'Card issued, see it in your order details' },
  completed: { zh: '订单已完成', en: 'Order completed' },
  cancelled: { zh: '订单已取消', en: 'Order cancelled' },
  refund_pending: { zh: '订单已取消，退款处理中', en: 'Order cancelled, refund on its way' },
  refunded: { zh: '订单已退款', en: 'Order refunded' },
  disputed: { zh: '订单争议处理中', en: 'Under review by our support team' },
};
