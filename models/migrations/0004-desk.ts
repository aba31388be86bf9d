// The live-agent desk: agent accounts (with their sign-in lockout), desk state on handoffs (SLA timers, tags,
// response metrics), private notes, canned responses and the buyers' CSAT ratings. Timers are columns so they
// survive restarts and a conditional UPDATE fires each one once across nodes.
import { DataTypes, QueryInterface } from 'sequelize';

const id = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true, allowNull: false };
const fk = (table: string, allowNull = false) => ({ type: DataTypes.INTEGER, allowNull, references: { model: table, key: 'id' } });
const str = (allowNull = false, length = 255) => ({ type: DataTypes.STRING(length), allowNull });
const date = (allowNull = true) => ({ type: DataTypes.DATE, allowNull });
const int = (defaultValue: number) => ({ type: DataTypes.INTEGER, allowNull: false, defaultValue });
const timestamps = { created_at: date(false), updated_at: date(false) };

const HANDOFF_COLUMNS = {
  sla_due_at: date(),
  reply_due_at: date(),
  grace_due_at: date(),
  breached_at: date(),
  first_response_at: date(),
  first_response_ms: { type: DataTypes.INTEGER, allowNull: true },
  handling_ms: { type: DataTypes.INTEGER, allowNull: true },
  tag_category: str(true, 32),
  tag_reason: str(true, 32),
  involves_cancellation: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
  closed_to: str(true, 16),
};

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('agents', {
    id,
    email: str(false, 254),
    name: str(false, 64),
    role: str(false, 16),
    password_hash: str(false, 100),
    max_chats: int(5),
    failed_logins: int(0),
    locked_until: date(),
    token_version: int(0),
    ...timestamps,
  });
  await qi.addIndex('agents', ['email'], { unique: true });

  for (const [name, column] of Object.entries(HANDOFF_COLUMNS)) await qi.addColumn('handoffs', name, column);
  await qi.addIndex('handoffs', ['claimed_by', 'status']);
  await qi.addIndex('handoffs', ['sla_due_at']);
  await qi.addIndex('handoffs', ['reply_due_at']);
  await qi.addIndex('handoffs', ['grace_due_at']);

  await qi.createTable('handoff_notes', {
    id,
    handoff_id: fk('handoffs'),
    agent_id: fk('agents'),
    text: { type: DataTypes.TEXT, allowNull: false },
    created_at: date(false),
  });
  await qi.addIndex('handoff_notes', ['handoff_id', 'id']);

  await qi.createTable('canned_responses', {
    id,
    shortcut: str(false, 32),
    lang: str(false, 8),
    title: str(false, 128),
    body: { type: DataTypes.TEXT, allowNull: false },
    created_by: fk('agents'),
    ...timestamps,
  });
  await qi.addIndex('canned_responses', ['shortcut', 'lang'], { unique: true });

  await qi.createTable('csat_ratings', {
    id,
    conversation_id: fk('conversations'),
    handoff_id: fk('handoffs', true),
    buyer_id: fk('buyers'),
    rating: { type: DataTypes.INTEGER, allowNull: false },
    comment: { type: DataTypes.TEXT, allowNull: true },
    created_at: date(false),
  });
  await qi.addIndex('csat_ratings', ['conversation_id'], { unique: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['csat_ratings', 'canned_responses', 'handoff_notes']) await qi.dropTable(table);
  for (const index of ['claimed_by_status', 'sla_due_at', 'reply_due_at', 'grace_due_at']) await qi.removeIndex('handoffs', `handoffs_${index}`);
  for (const name of Object.keys(HANDOFF_COLUMNS)) await qi.removeColumn('handoffs', name);
  await qi.dropTable('agents');
}
