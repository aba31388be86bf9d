// The turn that wrote a bot message. On SQLite a turn commits as one script, in one trip to SQLite's thread,
// which returns no rows: the committing node finds its replies again by this id, and knows from them whether its
// turn won (conversation-service.ts).
import { DataTypes, QueryInterface } from 'sequelize';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addColumn('conversation_messages', 'turn_id', { type: DataTypes.STRING(36), allowNull: true });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Not qi.removeColumn: on SQLite it rebuilds the table and loses its indexes; both dialects drop natively.
  await qi.sequelize.query('ALTER TABLE conversation_messages DROP COLUMN turn_id');
}
