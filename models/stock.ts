// Card-key inventory moves. Every function runs inside the caller's transaction and touches keys with single
// conditional UPDATEs, so two orders can never take the same key.
import type { Transaction } from 'sequelize';
import type { Database } from './db';
import { runStatement } from './driver-statements';
import { CardKey } from './tables';

/** How many keys the UPDATE moved. */
async function update(db: Database, t: Transaction, sql: string, replacements: Record<string, unknown>): Promise<number> {
  return (await runStatement(db.sequelize, `${sql} RETURNING card_keys.id`, replacements, t)).length;
}

/** Reserves `quantity` available keys of a product for an order; returns how many it got (all or none is up to the caller). */
export function reserve(db: Database, t: Transaction, productId: number, orderId: number, quantity: number, now: Date) {
  const replacements = { orderId, productId, quantity, now };
  const set = `status = 'reserved', order_id = :orderId, reserved_at = :now, updated_at = :now`;
  if (db.dialect === 'postgres') {
    // The CTE pins the picked rows once; SKIP LOCKED lets concurrent buyers pass each other's rows instead of queueing.
    return update(
      db,
      t,
      `WITH picked AS (
         SELECT id FROM card_keys WHERE product_id = :productId AND status = 'available' ORDER BY id LIMIT :quantity FOR UPDATE SKIP LOCKED)
       UPDATE card_keys SET ${set} FROM picked WHERE card_keys.id = picked.id`,
      replacements,
    );
  }
  // SQLite runs one writer at a time (BEGIN IMMEDIATE), so the pick cannot be raced.
  return update(
    db,
    t,
    `UPDATE card_keys SET ${set}
     WHERE id IN (SELECT id FROM card_keys WHERE product_id = :productId AND status = 'available' ORDER BY id LIMIT :quantity)`,
    replacements,
  );
}

/** Returns an order's reserved (never delivered) keys to stock. */
export const release = (db: Database, t: Transaction, orderId: number, now: Date) =>
  update(
    db,
    t,
    `UPDATE card_keys SET status = 'available', order_id = NULL, reserved_at = NULL, updated_at = :now
     WHERE order_id = :orderId AND status = 'reserved'`,
    { orderId, now },
  );

/** Takes back keys that were delivered but never shown to the buyer; they are as good as new. */
export const revoke = (db: Database, t: Transaction, orderId: number, now: Date) =>
  update(
    db,
    t,
    `UPDATE card_keys SET status = 'available', order_id = NULL, reserved_at = NULL, delivered_at = NULL,
       revoked_count = revoked_count + 1, updated_at = :now
     WHERE order_id = :orderId AND status = 'delivered'`,
    { orderId, now },
  );

export const deliverReserved = (db: Database, t: Transaction, orderId: number, now: Date) =>
  update(
    db,
    t,
    `UPDATE card_keys SET status = 'delivered', delivered_at = :now, updated_at = :now
     WHERE order_id = :orderId AND status = 'reserved'`,
    { orderId, now },
  );

export const markRevealed = (db: Database, t: Transaction, orderId: number, now: Date) =>
  update(
    db,
    t,
    `UPDATE card_keys SET status = 'revealed', revealed_at = :now, updated_at = :now
     WHERE order_id = :orderId AND status = 'delivered'`,
    { orderId, now },
  );

/** Keys a buyer has seen and that were refunded or replaced can never be sold again. */
export const voidShown = (db: Database, t: Transaction, orderId: number, now: Date) =>
  update(
    db,
    t,
    `UPDATE card_keys SET status = 'void', updated_at = :now WHERE order_id = :orderId AND status IN ('delivered', 'revealed')`,
    { orderId, now },
  );

export function addDelivered(
  t: Transaction,
  productId: number,
  orderId: number,
  cards: Array<{ serial: string; secret: string }>,
  now: Date,
) {
  return CardKey.bulkCreate(
    cards.map((c) => ({ productId, orderId, serial: c.serial, secret: c.secret, status: 'delivered' as const, deliveredAt: now, reservedAt: null, revealedAt: null })),
    { transaction: t },
  );
}

export async function availableCount(db: Database, productId: number, t?: Transaction): Promise<number> {
  return CardKey.count({ where: { productId, status: 'available' }, transaction: t });
}
