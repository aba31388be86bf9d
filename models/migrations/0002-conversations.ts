// Widget conversations: their state (so any node can take the next turn), the message log, and handoffs to
// humans. `version` on conversations is the optimistic lock that keeps two nodes from applying one turn twice.
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const fk = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' } });
const str = (allowNull = false, length = 255) => ({ type: DataTypes.STRING(length), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE, allowNull });
const timestamps = { created_at: date(false), updated_at: date(false) };

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('conversations', {
    id,
    buyer_id: fk('buyers'),
    status: str(false, 16),
    lang: str(false, 8),
    intent: str(true, 32),
    pending: { type: DataTypes.JSON, allowNull: true },
    order_id: fk('orders', true),
    failed_count: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    agent_name: str(true, 128),
    version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    ...timestamps,
  });
  await qi.addIndex('conversations', ['buyer_id', 'status']);
  await qi.addIndex('conversations', ['status', 'updated_at']);

  await qi.createTable('conversation_messages', {
    id,
    conversation_id: fk('conversations'),
    role: str(false, 16),
    type: str(false, 16),
    payload: { type: DataTypes.JSON, allowNull: false },
    client_msg_id: str(true, 64),
    reply_to: fk('conversation_messages', true),
    created_at: date(false),
  });
  await qi.addIndex('conversation_messages', ['conversation_id', 'id']);
  await qi.addIndex('conversation_messages', ['conversation_id', 'client_msg_id'], { unique: true });
  await qi.addIndex('conversation_messages', ['reply_to']);

  await qi.createTable('handoffs', {
    id,
    conversation_id: fk('conversations'),
    buyer_id: fk('buyers'),
    order_id: fk('orders', true),
    reason: str(false, 32),
    intent: str(true, 32),
    summary: { type: DataTypes.JSON, allowNull: false },
    priority: { type: DataTypes.INTEGER, allowNull: false },
    status: str(false, 16),
    claimed_by: str(true, 128),
    claimed_at: date(),
    closed_at: date(),
    ...timestamps,
  });
  await qi.addIndex('handoffs', ['status', 'priority', 'created_at']);
  await qi.addIndex('handoffs', ['conversation_id']);
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['handoffs', 'conversation_messages', 'conversations']) await qi.dropTable(table);
}
