// An order attached to a message, its status kept live by `order:update` events.
import { useContext } from 'preact/hooks';
import { orderKey } from '../chat-state';
import type { OrderInfo } from '../protocol';
import { Ctx } from './context';

const yuan = (cents: number) => `¥${(cents / 100).toFixed(2)}`;

export function OrderCard({ order }: { order: OrderInfo }) {
  const { t, orders } = useContext(Ctx);
  const live = { ...order, ...orders[orderKey(order)] };
  const name = live.productName ?? live.product?.name ?? '';
  return (
    <div class="order" data-order={orderKey(live)}>
      <div class="top">
        <span>
          {t.order} {live.orderNo ?? `#${live.id}`}
        </span>
        <span class={`badge ${live.status}`} data-status={live.status}>
          {t.orderStatus[live.status] ?? live.status}
        </span>
      </div>
      {name && <div class="name">{name}</div>}
      {live.amountCents !== undefined && (
        <div class="amount">
          {yuan(live.amountCents)}
          {live.quantity !== undefined && live.quantity > 1 ? ` × ${live.quantity}` : ''}
        </div>
      )}
    </div>
  );
}
