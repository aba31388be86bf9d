// Supervisors: the NLU result of each buyer message (for the tuning inbox), utterance edits over the shipped
// training files, the inbox's labels, model trainings with their cross-validated metrics, settings, the audit of
// every supervisor change, buyer-credit overrides, and the analytics rollups with their watermarks.
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const fk = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' } });
const str = (allowNull = false, length = 255) => ({ type: DataTypes.STRING(length), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE, allowNull });
const int = (allowNull = false) => ({ type: DataTypes.INTEGER, allowNull });
const counter = { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 };
const jsonCol = (allowNull = true) => ({ type: DataTypes.JSON, allowNull });
const bool = (defaultValue: boolean) => ({ type: DataTypes.BOOLEAN, allowNull: false, defaultValue });

const MESSAGE_COLUMNS = { nlu_intent: str(true, 32), nlu_confidence: { type: DataTypes.FLOAT, allowNull: true } };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const [name, column] of Object.entries(MESSAGE_COLUMNS)) await qi.addColumn('conversation_messages', name, column);
  await qi.addIndex('conversation_messages', ['nlu_intent', 'nlu_confidence']);

  await qi.createTable('intent_utterances', {
    id,
    intent: str(false, 32),
    lang: str(false, 8),
    text: str(false, 500),
    seed_key: str(true, 16),
    source: str(false, 16),
    deleted: bool(false),
    created_by: fk('agents', true),
    updated_by: fk('agents', true),
    created_at: date(false),
    updated_at: date(false),
  });
  await qi.addIndex('intent_utterances', ['seed_key'], { unique: true });
  await qi.addIndex('intent_utterances', ['intent', 'lang']);

  await qi.createTable('intent_inbox', {
    id,
    message_id: fk('conversation_messages'),
    relabel_intent: str(true, 32),
    relabelled_by: fk('agents', true),
    relabelled_at: date(),
    status: str(false, 16),
    utterance_id: fk('intent_utterances', true),
    resolved_by: fk('agents', true),
    resolved_at: date(),
  });
  await qi.addIndex('intent_inbox', ['message_id'], { unique: true });
  await qi.addIndex('intent_inbox', ['status']);

  await qi.createTable('intent_trainings', {
    id,
    status: str(false, 16),
    version: str(true, 64),
    activate: bool(false),
    assumed_seed: bool(false),
    examples: counter,
    folds: counter,
    metrics: jsonCol(),
    predictions: { type: DataTypes.TEXT, allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
    created_by: fk('agents', true),
    started_at: date(false),
    finished_at: date(),
  });
  await qi.addIndex('intent_trainings', ['version']);

  await qi.createTable('supervisor_settings', { key: { ...str(false, 64), primaryKey: true }, value: jsonCol(false), updated_by: fk('agents', true), updated_at: date(false) });

  await qi.createTable('supervisor_audit', {
    id,
    area: str(false, 16),
    action: str(false, 32),
    subject: str(false, 128),
    actor_id: fk('agents', true),
    actor_name: str(true, 64),
    before: jsonCol(),
    after: jsonCol(),
    note: { type: DataTypes.TEXT, allowNull: true },
    created_at: date(false),
  });
  await qi.addIndex('supervisor_audit', ['area', 'id']);

  await qi.createTable('credit_overrides', {
    id,
    buyer_id: fk('buyers'),
    level: str(false, 16),
    note: { type: DataTypes.TEXT, allowNull: false },
    created_by: fk('agents'),
    created_at: date(false),
    expires_at: date(),
    cleared_at: date(),
    cleared_by: fk('agents', true),
    clear_note: { type: DataTypes.TEXT, allowNull: true },
  });
  await qi.addIndex('credit_overrides', ['buyer_id', 'cleared_at']);
  await qi.addIndex('credit_overrides', ['cleared_at']);

  // Rollups (models/analytics-rollup.ts): rows up to the watermark are folded here; reads add the tail live.
  await qi.createTable('analytics_order_hours', {
    day: { ...str(false, 10), primaryKey: true },
    hour: { ...int(), primaryKey: true },
    product_id: { ...fk('products'), primaryKey: true },
    dow: int(),
    merchant_id: fk('merchants'),
    orders: counter,
    cancelled: counter,
  });
  await qi.createTable('analytics_cancel_days', {
    day: { ...str(false, 10), primaryKey: true },
    product_id: { ...fk('products'), primaryKey: true },
    category: { ...str(false, 32), primaryKey: true },
    reason_code: { ...str(false, 32), primaryKey: true },
    merchant_id: fk('merchants'),
    cancellations: counter,
    refunded_cents: { type: DataTypes.BIGINT, allowNull: false, defaultValue: 0 },
  });
  await qi.createTable('analytics_watermarks', { name: { ...str(false, 32), primaryKey: true }, last_id: counter });
  await qi.bulkInsert('analytics_watermarks', [
    { name: 'orders', last_id: 0 },
    { name: 'cancellations', last_id: 0 },
  ]);

  // Service metrics and the credit list read these by time.
  await qi.addIndex('handoffs', ['created_at']);
  await qi.addIndex('conversations', ['created_at']);
  await qi.addIndex('csat_ratings', ['handoff_id']);
  await qi.addIndex('disputes', ['status', 'created_at']);
  await qi.addIndex('cancellations', ['category', 'created_at', 'buyer_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('cancellations', ['category', 'created_at', 'buyer_id']);
  await qi.removeIndex('disputes', ['status', 'created_at']);
  await qi.removeIndex('csat_ratings', ['handoff_id']);
  await qi.removeIndex('conversations', ['created_at']);
  await qi.removeIndex('handoffs', ['created_at']);
  for (const table of ['analytics_watermarks', 'analytics_cancel_days', 'analytics_order_hours', 'credit_overrides', 'supervisor_audit', 'supervisor_settings', 'intent_trainings', 'intent_inbox', 'intent_utterances']) {
    await qi.dropTable(table);
  }
  await qi.removeIndex('conversation_messages', ['nlu_intent', 'nlu_confidence']);
  // Not qi.removeColumn: on SQLite it rebuilds the table and loses its other indexes; both dialects drop natively.
  for (const name of Object.keys(MESSAGE_COLUMNS)) await qi.sequelize.query(`ALTER TABLE conversation_messages DROP COLUMN ${name}`);
}
