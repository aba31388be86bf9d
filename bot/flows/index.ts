// The order flows by intent.
import type { OrderIntent } from '../state';
import { cancelOrder } from './cancel-order';
import { cancelPolicy } from './cancel-policy';
import type { OrderFlow } from './flow';
import { forgotToPay } from './forgot-to-pay';
import { orderStatus } from './order-status';
import { priceChanged } from './price-changed';
import { redeemHelp } from './redeem-help';
import { refundStatus } from './refund-status';
import { wrongItem } from './wrong-item';

export const ORDER_FLOWS: Record<OrderIntent, OrderFlow> = {
  forgot_to_pay: forgotToPay,
  wrong_item: wrongItem,
  cancel_order: cancelOrder,
  refund_status: refundStatus,
  order_status: orderStatus,
  price_changed: priceChanged,
  cancel_policy: cancelPolicy,
  redeem_help: redeemHelp,
};
