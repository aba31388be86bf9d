// The initial schema: catalog, buyers, card-key stock, orders with their audit trail, money, cancellations,
// disputes, compensation and the webhook outbox. Enumerated columns are strings checked by the models, so later
// vocabularies grow without ALTER TYPE.
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const fk = (table: string, allowNull = false) => ({
  type: DataTypes.INTEGER,
  allowNull,
  references: { model: table, key: 'id' },
});
const timestamps = {
  created_at: { type: DataTypes.DATE, allowNull: false },
  updated_at: { type: DataTypes.DATE, allowNull: false },
};
const str = (allowNull = false, length = 255) => ({ type: DataTypes.STRING(length), allowNull });
const int = (allowNull = false, defaultValue?: number) => ({ type: DataTypes.INTEGER, allowNull, defaultValue });
const date = (allowNull = true) => ({ type: DataTypes.DATE, allowNull });

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('merchants', { id, code: { ...str(), unique: true }, name: str(), ...timestamps });

  await qi.createTable('products', {
    id,
    sku: { ...str(), unique: true },
    merchant_id: fk('merchants'),
    type: str(false, 32),
    brand: str(),
    name: str(),
    face_value_cents: int(),
    price_cents: int(),
    platform: str(true, 64),
    region: str(true, 64),
    operator: str(true, 16),
    validity_days: int(true),
    delivery_minutes: int(false, 5),
    fulfilment: { ...str(false, 16), defaultValue: 'stock' },
    description: { type: DataTypes.TEXT, allowNull: false, defaultValue: '' },
    faq: { type: DataTypes.JSON, allowNull: false },
    aliases: { type: DataTypes.JSON, allowNull: false },
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    ...timestamps,
  });

  await qi.createTable('buyers', {
    id,
    external_id: { ...str(false, 128), unique: true },
    name: str(true),
    phone: str(true, 32),
    ...timestamps,
  });

  await qi.createTable('orders', {
    id,
    order_no: { ...str(false, 32), unique: true },
    request_id: { ...str(true, 128), unique: true },
    buyer_id: fk('buyers'),
    merchant_id: fk('merchants'),
    product_id: fk('products'),
    quantity: int(),
    unit_price_cents: int(),
    amount_cents: int(),
    status: str(false, 32),
    payment_expires_at: date(false),
    paid_at: date(),
    delivered_at: date(),
    revealed_at: date(),
    completed_at: date(),
    cancelled_at: date(),
    refunded_at: date(),
    ...timestamps,
  });
  await qi.addIndex('orders', ['buyer_id', 'created_at']);
  await qi.addIndex('orders', ['status', 'payment_expires_at']);
  await qi.addIndex('orders', ['product_id', 'created_at']);
  await qi.addIndex('orders', ['merchant_id', 'created_at']);
  await qi.addIndex('orders', ['created_at']);

  await qi.createTable('card_keys', {
    id,
    product_id: fk('products'),
    serial: str(false, 128),
    secret: str(false, 256),
    status: str(false, 16),
    order_id: fk('orders', true),
    reserved_at: date(),
    delivered_at: date(),
    revealed_at: date(),
    revoked_count: int(false, 0),
    ...timestamps,
  });
  await qi.addIndex('card_keys', ['product_id', 'status']);
  await qi.addIndex('card_keys', ['order_id']);

  await qi.createTable('order_events', {
    id,
    order_id: fk('orders'),
    action: str(false, 32),
    from_status: str(true, 32),
    to_status: str(false, 32),
    actor_type: str(false, 16),
    actor_id: str(true, 128),
    reason: { type: DataTypes.TEXT, allowNull: true },
    created_at: date(false),
  });
  await qi.addIndex('order_events', ['order_id']);

  await qi.createTable('payments', {
    id,
    order_id: fk('orders'),
    external_id: { ...str(false, 128), unique: true },
    channel: str(false, 16),
    amount_cents: int(),
    status: str(false, 16),
    paid_at: date(false),
    ...timestamps,
  });
  await qi.addIndex('payments', ['order_id']);

  await qi.createTable('refunds', {
    id,
    order_id: fk('orders'),
    payment_id: { ...fk('payments'), unique: true },
    amount_cents: int(),
    channel: str(false, 16),
    status: str(false, 16),
    reason: str(false, 64),
    expected_from: date(false),
    expected_by: date(false),
    completed_at: date(),
    ...timestamps,
  });
  await qi.addIndex('refunds', ['order_id']);
  await qi.addIndex('refunds', ['status']);

  await qi.createTable('cancellations', {
    id,
    order_id: { ...fk('orders'), unique: true },
    buyer_id: fk('buyers'),
    merchant_id: fk('merchants'),
    product_id: fk('products'),
    stage: str(false, 32),
    initiator_type: str(false, 16),
    initiator_id: str(true, 128),
    category: str(false, 32),
    reason_code: str(false, 32),
    note: { type: DataTypes.TEXT, allowNull: true },
    refunded_cents: int(false, 0),
    created_at: date(false),
  });
  await qi.addIndex('cancellations', ['buyer_id', 'created_at']);
  await qi.addIndex('cancellations', ['product_id', 'created_at']);
  await qi.addIndex('cancellations', ['created_at']);

  await qi.createTable('compensations', {
    id,
    order_id: fk('orders'),
    buyer_id: fk('buyers'),
    kind: str(false, 16),
    amount_cents: int(),
    coupon_code: str(true, 64),
    card_key_id: fk('card_keys', true),
    reason: str(false, 64),
    issued_by_type: str(false, 16),
    issued_by_id: str(true, 128),
    request_id: { ...str(true, 128), unique: true },
    created_at: date(false),
  });
  await qi.addIndex('compensations', ['order_id']);

  await qi.createTable('disputes', {
    id,
    order_id: fk('orders'),
    buyer_id: fk('buyers'),
    reason_code: str(false, 32),
    description: { type: DataTypes.TEXT, allowNull: true },
    status: str(false, 16),
    resolution: { type: DataTypes.TEXT, allowNull: true },
    resolved_by: str(true, 128),
    resolved_at: date(),
    ...timestamps,
  });
  await qi.addIndex('disputes', ['buyer_id', 'created_at']);
  await qi.addIndex('disputes', ['order_id']);

  await qi.createTable('outbox', {
    id,
    event_type: str(false, 64),
    payload: { type: DataTypes.JSON, allowNull: false },
    status: str(false, 16),
    attempts: int(false, 0),
    next_attempt_at: date(false),
    last_error: { type: DataTypes.TEXT, allowNull: true },
    delivered_at: date(),
    ...timestamps,
  });
  await qi.addIndex('outbox', ['status', 'next_attempt_at']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of [
    'outbox',
    'disputes',
    'compensations',
    'cancellations',
    'refunds',
    'payments',
    'order_events',
    'card_keys',
    'orders',
    'buyers',
    'products',
    'merchants',
  ]) {
    await qi.dropTable(table);
  }
}
