// Bulk writes for the seed: multi-row INSERTs with bound parameters, columns and value encodings taken from the
// models' own definitions so the rows read back exactly as if Sequelize had written them.
import { DataTypes, ModelStatic, Model, Transaction } from 'sequelize';
import type { Database } from '../../models/db';
import {
  Buyer,
  Cancellation,
  CardKey,
  Compensation,
  Conversation,
  ConversationMessage,
  CsatRating,
  Dispute,
  Handoff,
  HandoffNote,
  IntentInboxEntry,
  Merchant,
  Order,
  OrderEvent,
  OutboxMessage,
  Payment,
  Product,
  Refund,
} from '../../models/tables';

type Encode = (value: unknown) => unknown;
interface SqliteConnection {
  run(sql: string, values: unknown[], callback: (err: Error | null) => void): void;
}
interface Column {
  attribute: string;
  field: string;
  encode: Encode;
}

/** Sequelize's SQLite dialect stores DATE as this text; other spellings would break its range comparisons. */
const sqliteDate = (d: Date): string => {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)} +00:00`;
};

/** Parameters per statement stay under SQLite's 32,766 and PostgreSQL's 65,535 bind limits. */
const MAX_PARAMS = 30_000;
const MAX_ROWS = 1_000;

/** Every domain table, children before parents (the order a wipe must follow). */
export const DOMAIN_MODELS: ModelStatic<Model>[] = [
  IntentInboxEntry,
  CsatRating,
  HandoffNote,
  Handoff,
  ConversationMessage,
  Conversation,
  OutboxMessage,
  Dispute,
  Compensation,
  Cancellation,
  Refund,
  Payment,
  OrderEvent,
  CardKey,
  Order,
  Buyer,
  Product,
  Merchant,
];

const tableName = (model: ModelStatic<Model>): string => model.getTableName() as string;

export class BulkWriter {
  private readonly columns = new Map<ModelStatic<Model>, Column[]>();
  readonly written = new Map<string, number>();

  constructor(private readonly db: Database) {}

  private columnsOf(model: ModelStatic<Model>): Column[] {
    let columns = this.columns.get(model);
    if (!columns) {
      const sqlite = this.db.dialect === 'sqlite';
      columns = Object.entries(model.getAttributes()).map(([attribute, def]) => {
        const type = def.type as unknown;
        let encode: Encode = (v) => v ?? null;
        if (type instanceof DataTypes.DATE) encode = (v) => (v == null ? null : sqlite ? sqliteDate(v as Date) : v);
        else if (type instanceof DataTypes.JSON) encode = (v) => JSON.stringify(v);
        else if (type instanceof DataTypes.BOOLEAN) encode = (v) => (sqlite ? (v ? 1 : 0) : Boolean(v));
        return { attribute, field: def.field ?? attribute, encode };
      });
      this.columns.set(model, columns);
    }
    return columns;
  }

  /**
   * SQLite opens a fresh connection per transaction, with a 2 MB page cache that the orders' five indexes thrash;
   * a bulk transaction gets a cache large enough to hold the index pages it keeps revisiting.
   */
  async prepare(t: Transaction): Promise<void> {
    if (this.db.dialect === 'sqlite') await this.db.sequelize.query('PRAGMA cache_size = -262144', { transaction: t });
  }

  /** Inserts rows (every attribute present, ids included) in as few statements as the bind limits allow. */
  async insert(model: ModelStatic<Model>, rows: ReadonlyArray<object>, t: Transaction): Promise<void> {
    if (rows.length === 0) return;
    const columns = this.columnsOf(model);
    const head = `INSERT INTO "${tableName(model)}" (${columns.map((c) => `"${c.field}"`).join(', ')}) VALUES `;
    const perStatement = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const chunk = rows.slice(start, start + perStatement);
      const values: unknown[] = [];
      for (const row of chunk) {
        for (const c of columns) values.push(c.encode((row as Record<string, unknown>)[c.attribute]));
      }
      await this.run(head + this.placeholders(chunk.length, columns.length), values, t);
    }
    const name = tableName(model);
    this.written.set(name, (this.written.get(name) ?? 0) + rows.length);
  }

  private placeholders(rows: number, columns: number): string {
    if (this.db.dialect === 'sqlite') return Array(rows).fill(`(${Array(columns).fill('?').join(',')})`).join(',');
    return Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(',')})`).join(',');
  }

  /**
   * Sequelize hands SQLite bind values to node-sqlite3 by name, and looking up thousands of names per statement
   * is quadratic; positional values on the transaction's own connection bind in one pass.
   */
  private run(sql: string, values: unknown[], t: Transaction): Promise<unknown> {
    if (this.db.dialect !== 'sqlite') return this.db.sequelize.query(sql, { bind: values, transaction: t });
    const connection = (t as unknown as { connection: SqliteConnection }).connection;
    return new Promise((resolve, reject) => connection.run(sql, values, (err) => (err ? reject(err) : resolve(undefined))));
  }

  /**
   * After explicit ids, PostgreSQL's sequences must move past them (SQLite's AUTOINCREMENT follows by itself), and
   * either engine's planner needs statistics for tables that grew from nothing in one go.
   */
  async finish(): Promise<void> {
    if (this.db.dialect !== 'postgres') return this.db.optimize();
    for (const model of DOMAIN_MODELS) {
      const table = tableName(model);
      await this.db.sequelize.query(
        `SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM "${table}"`,
      );
    }
    await this.db.sequelize.query('ANALYZE');
  }
}

/** Deletes every domain row (not the migrations' bookkeeping) and restarts the ids. */
export async function wipeDomain(db: Database): Promise<void> {
  const tables = DOMAIN_MODELS.map(tableName);
  if (db.dialect === 'postgres') {
    await db.sequelize.query(`TRUNCATE TABLE ${tables.map((name) => `"${name}"`).join(', ')} RESTART IDENTITY CASCADE`);
    return;
  }
  await db.transaction(async (t) => {
    for (const table of tables) await db.sequelize.query(`DELETE FROM "${table}"`, { transaction: t });
    await db.sequelize.query(`DELETE FROM sqlite_sequence WHERE name IN (${tables.map((name) => `'${name}'`).join(', ')})`, { transaction: t });
  });
}
