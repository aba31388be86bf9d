// Hot-path statements (a cancellation, a bot turn) run through the database driver itself. Measured on the 1M-order
// bench database, Sequelize's query() costs ~100 µs of JavaScript per call (option cloning, replacement parsing,
// a formatted stack trace per query), and node-sqlite3's Database#all prepares the statement afresh every time (a
// re-parse and an extra thread-pool trip). Here SQLite statements are prepared once per connection and reused.
// To callers nothing changes: values are written as Sequelize writes them (SQLite dates as
// 'YYYY-MM-DD HH:MM:SS.SSS +00:00'), and driver errors become Sequelize's errors (UniqueConstraintError …).
import { LRUCache } from 'lru-cache';
import type { Sequelize, Transaction } from 'sequelize';

export type Params = Record<string, unknown>;
/** Where a statement runs: a transaction, or a connection of its own (Database#autocommit); else the default one. */
export type Connection = Transaction | { connection: unknown };
type Row = Record<string, unknown>;

interface SqliteStatement {
  all(params: object, cb: (err: Error | null, rows: Row[]) => void): void;
  finalize(cb?: () => void): void;
}

interface SqliteConnection {
  prepare(sql: string, cb: (err: Error | null) => void): SqliteStatement;
  [PREPARED]?: Prepared;
}

interface PgClient {
  query(text: string, values: unknown[]): Promise<{ rows: Row[] }>;
}

interface ConnectionManager {
  getConnection(options?: object): Promise<unknown>;
  releaseConnection(connection: unknown): unknown;
}

const PREPARED = Symbol('kadesk.prepared');

/** A connection's prepared statements, and the tail of the statements issued on it. */
interface Prepared {
  cache: LRUCache<string, SqliteStatement>;
  tail: Promise<void>;
}

/** Enough for every statement shape of the hot paths; an evicted one is finalized once its queue drains. */
const STATEMENTS_PER_CONNECTION = 256;

/** `:name` placeholders, not `::type` casts. */
const PLACEHOLDER = /(?<![:\w]):([A-Za-z_]\w*)/g;

/**
 * Runs one statement and returns its rows (SELECT, or INSERT/UPDATE … RETURNING): in the transaction, or outside
 * one on the default connection. `:name` placeholders take `params[name]`; an array value becomes a list (`IN (:ids)`).
 */
export async function runStatement<R extends Row = Row>(sequelize: Sequelize, sql: string, params: Params, on?: Connection): Promise<R[]> {
  const t = on as { connection: unknown } | undefined;
  const { text, names, values } = bindable(sql, params);
  // Sequelize's `logging` option still shows every statement, so a log of what ran is complete.
  const log = (sequelize as unknown as { options: { logging?: unknown } }).options.logging;
  if (typeof log === 'function') log(`Executing (driver): ${text}`);
  try {
    if (sequelize.getDialect() === 'postgres') return (await onPgClient(sequelize, t, (c) => c.query(pgText(text, names), names.map((n) => values[n])))).rows as R[];
    const connection = (t ? t.connection : await manager(sequelize).getConnection()) as SqliteConnection;
    return (await onSqlite(connection, text, Object.fromEntries(names.map((n) => [`:${n}`, sqliteValue(values[n])])), t !== undefined)) as R[];
  } catch (err) {
    throw asSequelizeError(sequelize, err, text);
  }
}

/** Finalizes a SQLite connection's prepared statements; a connection with live statements refuses to close. */
export async function finalizeStatements(connection: unknown): Promise<void> {
  const prepared = (connection as SqliteConnection)[PREPARED];
  if (!prepared) return;
  delete (connection as SqliteConnection)[PREPARED];
  await prepared.tail;
  await Promise.all([...prepared.cache.values()].map((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
  prepared.cache.clear();
}

const manager = (sequelize: Sequelize) => sequelize.connectionManager as unknown as ConnectionManager;

async function onPgClient<T>(sequelize: Sequelize, t: { connection: unknown } | undefined, fn: (c: PgClient) => Promise<T>): Promise<T> {
  if (t) return fn(t.connection as PgClient);
  const client = (await manager(sequelize).getConnection({ type: 'read' })) as PgClient;
  try {
    return await fn(client);
  } finally {
    manager(sequelize).releaseConnection(client);
  }
}

/**
 * Statements of a transaction's (or an autocommit's) connection run strictly one after another, in the order issued:
 * node-sqlite3 would otherwise run two prepared statements on separate threads, in whichever order they reach the
 * connection. Reads on the default connection need no order, so a prepared one is issued at once: chained, each
 * waited for the main thread to pick up the last one's result, and under load every reading turn queued on that one
 * chain (widget bench, 60 s at 500 msg/s: p99 230 ms–1.9 s chained, 100–180 ms not).
 */
function onSqlite(connection: SqliteConnection, sql: string, bound: Params, ordered: boolean): Promise<Row[]> {
  const prepared = (connection[PREPARED] ??= {
    cache: new LRUCache<string, SqliteStatement>({
      max: STATEMENTS_PER_CONNECTION,
      dispose: (statement, _sql, reason) => reason === 'evict' && statement.finalize(),
    }),
    tail: Promise.resolve(),
  });
  const run = async () => {
    let statement = prepared.cache.get(sql);
    if (!statement) prepared.cache.set(sql, (statement = await prepare(connection, sql)));
    return new Promise<Row[]>((resolve, reject) => statement.all(bound, (err, rows) => (err ? reject(err) : resolve(rows))));
  };
  // A statement not yet prepared takes the chain, so two first uses never prepare it twice.
  if (!ordered && prepared.cache.has(sql)) return run();
  const result = prepared.tail.then(run);
  prepared.tail = result.then(
    () => undefined,
    () => undefined,
  );
  return result;
}

/** Waits for the prepare: without a callback, node-sqlite3 reports a bad statement as an unhandled 'error' event. */
const prepare = (connection: SqliteConnection, sql: string) =>
  new Promise<SqliteStatement>((resolve, reject) => {
    const statement = connection.prepare(sql, (err) => (err ? reject(err) : resolve(statement)));
  });

function bindable(sql: string, params: Params): { text: string; names: string[]; values: Params } {
  const names: string[] = [];
  const values: Params = {};
  const text = sql.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(name in params)) return whole;
    const value = params[name];
    const list = Array.isArray(value) ? value : null;
    if (!list) {
      if (!(name in values)) names.push(name);
      values[name] = value;
      return `:${name}`;
    }
    if (list.length === 0) return 'NULL';
    return list
      .map((v, i) => {
        const item = `${name}__${i}`;
        if (!(item in values)) names.push(item);
        values[item] = v;
        return `:${item}`;
      })
      .join(', ');
  });
  return { text, names, values };
}

/** SQL with its `:name` placeholders written out as SQLite literals, for a script (Database#script). */
export function sqliteLiteralSql(sql: string, params: Params): string {
  const { text, values } = bindable(sql, params);
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? sqliteLiteral(values[name]) : whole));
}

const pgText = (text: string, names: string[]) => text.replace(PLACEHOLDER, (whole, name: string) => (names.includes(name) ? `$${names.indexOf(name) + 1}` : whole));

/**
 * A value as an SQLite literal, stored as a bound value would be (sqliteValue): for a script of several statements
 * (Database#script), which binds nothing. Text cannot hold a NUL (SQLite would read the script only up to it).
 */
export function sqliteLiteral(value: unknown): string {
  const v = sqliteValue(value);
  if (v === null) return 'NULL';
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'string' && !v.includes('\u0000')) return `'${v.replace(/'/g, "''")}'`;
  throw new TypeError(`no SQLite literal for ${typeof v === 'string' ? 'text with a NUL character' : typeof v}`);
}

/** As Sequelize writes a value into SQLite: dates as text in UTC with an explicit offset, booleans as 0/1. */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return `${value.toISOString().replace('T', ' ').replace('Z', '')} +00:00`;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** Driver errors (from another realm under jest's VM, so no instanceof) as Sequelize's own query would throw them. */
export function asSequelizeError(sequelize: Sequelize, err: unknown, sql: string): unknown {
  if (typeof err !== 'object' || err === null || !('code' in err)) return err;
  const Query = (sequelize as unknown as { dialect: { Query: new (c: unknown, s: Sequelize, o: object) => { sql: string; formatError(e: Error, stack?: string): Error } } }).dialect.Query;
  const query = new Query(null, sequelize, {});
  query.sql = sql;
  return query.formatError(err as unknown as Error, (err as { stack?: string }).stack);
}
