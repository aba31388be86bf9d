// The one way an order changes: inside a transaction, with the order row locked, every status change audited,
// outbox messages written beside it, and domain events published only after the commit.
import type { Transaction } from 'sequelize';
import type { Actor } from './actor';
import type { Clock } from './clock';
import type { Database } from './db';
import type { OrderStatus } from './enums';
import { DomainError } from './errors';
import type { DomainEventBus } from './events';
import { columnList, insertRows, queryRows, tableOf, toInstances, updateById } from './sql-rows';
import { Order, OrderEvent, OutboxMessage } from './tables';

export type OrderRef = number | string;

export interface OrderTx {
  t: Transaction;
  now: Date;
  order: Order;
  actor: Actor;
  /** Moves the order (or records an action that keeps its status), with the audit row and the notifications. */
  record(action: string, to: OrderStatus, reason?: string | null, extra?: Record<string, unknown>): Promise<void>;
  /** Queues a webhook for the store, committed with the change. */
  notify(eventType: string, payload: Record<string, unknown>): Promise<void>;
}

export interface OrderTxDeps {
  db: Database;
  clock: Clock;
  events: DomainEventBus;
  /** Whether the store has a webhook endpoint; without one nothing is queued. */
  webhooks: boolean;
}

/** The order by id or number; `lock` takes its row lock (PostgreSQL; SQLite transactions already write alone). */
export async function findOrder(ref: OrderRef, t?: Transaction, lock = false): Promise<Order | null> {
  const by = typeof ref === 'number' ? '"id"' : '"order_no"';
  const forUpdate = lock && t && Order.sequelize!.getDialect() === 'postgres' ? ' FOR UPDATE' : '';
  const rows = await queryRows(Order, `SELECT ${columnList(Order)} FROM ${tableOf(Order)} WHERE ${by} = :ref${forUpdate}`, { ref }, t);
  return rows.length ? toInstances(Order, rows)[0]! : null;
}

/**
 * Writes the order's changed attributes in one UPDATE and leaves the instance as save() would: updatedAt is the
 * wall clock (as Sequelize stamps it), nothing pending. Values are the service's own (typed statuses and dates).
 */
async function saveChanges(order: Order, t: Transaction): Promise<void> {
  const changed = order.changed();
  if (!changed) return;
  const values: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, order.get(k)]));
  values.updatedAt = new Date();
  await updateById(Order, order.id, values, t);
  order.set(values, { raw: true });
  for (const k of changed) order.changed(k as keyof Order, false);
}

export function withOrder<T>(deps: OrderTxDeps, ref: OrderRef, actor: Actor, fn: (tx: OrderTx) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (t) => {
    const order = await findOrder(ref, t, true);
    if (!order) throw new DomainError('ORDER_NOT_FOUND', undefined, { order: ref });
    return fn(orderTx(deps, t, order, actor));
  });
}

export function orderTx(deps: OrderTxDeps, t: Transaction, order: Order, actor: Actor, isNew = false): OrderTx {
  const now = deps.clock.now();
  const notify = async (eventType: string, payload: Record<string, unknown>) => {
    if (!deps.webhooks) return;
    await OutboxMessage.create(
      { eventType, payload: { ...payload, occurredAt: now.toISOString() }, nextAttemptAt: now, lastError: null, deliveredAt: null },
      { transaction: t },
    );
  };
  return {
    t,
    now,
    order,
    actor,
    notify,
    async record(action, to, reason = null, extra = {}) {
      const from = isNew ? null : order.status;
      order.status = to;
      // The change, its audit row and the store's webhook do not depend on each other.
      await deps.db.inOrder([
        () => saveChanges(order, t),
        () =>
          insertRows(
            OrderEvent,
            [{ orderId: order.id, action, fromStatus: from, toStatus: to, actorType: actor.type, actorId: actor.id ?? null, reason, createdAt: now }],
            t,
          ),
        // The store already knows what it told us itself; it hears about what KaDesk did.
        async () => (actor.type !== 'merchant' ? notify(`order.${action}`, { orderNo: order.orderNo, from, to, actor: actor.type, reason, ...extra }) : undefined),
      ]);
      const event = {
        orderId: order.id,
        orderNo: order.orderNo,
        buyerId: order.buyerId,
        action,
        from,
        to,
        actorType: actor.type,
        at: now.toISOString(),
      };
      t.afterCommit(() => deps.events.publish('order.changed', event));
    },
  };
}
