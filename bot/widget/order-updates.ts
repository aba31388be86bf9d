// Live order status for the buyer's widget, from the domain's after-commit events. The event comes from the
// node that made the change; emitting to the buyer's room reaches their socket on whichever node holds it.
import type { Namespace } from 'socket.io';
import type { DomainEventBus } from '../../models/events';
import { ORDER_STATUS_TEXT } from '../order-status-text';
import { buyerRoom } from './rooms';

export function forwardOrderUpdates(nsp: Namespace, events: DomainEventBus): () => void {
  return events.subscribe('order.changed', (e) => {
    nsp.to(buyerRoom(e.buyerId)).emit('order:update', {
      order: { id: e.orderId, orderNo: e.orderNo, status: e.to },
      from: e.from,
      action: e.action,
      statusText: ORDER_STATUS_TEXT[e.to],
      at: e.at,
    });
  });
}
