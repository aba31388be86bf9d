// Opens the database (SQLite by default, PostgreSQL for postgres:// URLs) and runs transactions the same way on both.
import path from 'node:path';
import { Mutex } from 'async-mutex';
import { Sequelize, Transaction } from 'sequelize';
import { asSequelizeError, Connection, finalizeStatements, runStatement } from './driver-statements';
import { CHECKPOINT_UUID, startCheckpointer, WAL_LIMIT_BYTES } from './sqlite-checkpointer';
import { groupCommit } from './sqlite-group-commit';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** `postgres://…` for PostgreSQL; a file path or `sqlite:` URL for SQLite. */
  url: string;
  busyTimeoutMs?: number;
  poolMax?: number;
  log?: (sql: string) => void;
}

export interface Database {
  sequelize: Sequelize;
  dialect: Dialect;
  /**
   * Runs `fn` in one transaction. On SQLite the transaction is BEGIN IMMEDIATE (takes the write lock up
   * front, so two writers never deadlock upgrading read locks) and in-process writers queue on a mutex
   * instead of spinning on SQLITE_BUSY; PostgreSQL relies on row locks taken by the services.
   */
  transaction<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
  /**
   * Runs `fn`'s statements (driver-statements.ts) without a transaction, each committing by itself: for a write that
   * is one statement, atomic alone, without the cost of BEGIN and COMMIT. On SQLite it waits its turn among the
   * transactions and runs on their connection, as one of them would.
   */
  autocommit<T>(fn: (on: Connection | undefined) => Promise<T>): Promise<T>;
  /**
   * SQLite only: runs statements (values written as literals with `sqliteLiteral`) as one transaction on the writers'
   * connection, in its turn among the transactions, in ONE trip to SQLite's thread. A transaction of statements takes
   * a trip per statement, each waiting for the main thread to pick up the last one's result while the write lock is
   * held; under load those waits are most of the lock's time. Scripts waiting for the lock at the same time commit
   * together (sqlite-group-commit.ts). A script returns no rows; if it fails, none of it is kept.
   */
  script(statements: readonly string[]): Promise<void>;
  /**
   * Runs independent statements of one transaction in the order given, resolving to their results. SQLite's
   * connection queues statements itself, so they are issued at once, without a trip through JavaScript between
   * each; pg allows one query at a time per client, so there they run one after another. A failure rejects the
   * whole, and the transaction rolls back.
   */
  inOrder<T extends readonly unknown[]>(steps: { [K in keyof T]: () => Promise<T[K]> }): Promise<T>;
  /**
   * Brings the query planner's statistics up to date where they drifted. Without them SQLite's planner guesses,
   * and guesses badly on large tables: the credit check walked every recent cancellation through the
   * (category, created_at) index instead of one buyer's through (buyer_id, created_at). PostgreSQL's autovacuum
   * analyzes by itself, so there this does nothing.
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

const sqliteStorage = (url: string): string => {
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  return file === ':memory:' ? file : path.resolve(file);
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const dialect: Dialect = /^postgres(ql)?:\/\//.test(options.url) ? 'postgres' : 'sqlite';
  const logging = options.log ?? false;
  const define = { underscored: true };
  const sequelize =
    dialect === 'postgres'
      ? new Sequelize(options.url, {
          dialect: 'postgres',
          logging,
          define,
          pool: { max: options.poolMax ?? 10, min: 0, idle: 10_000, acquire: 30_000 },
        })
      : new Sequelize({ dialect: 'sqlite', storage: sqliteStorage(options.url), logging, define });

  if (dialect === 'sqlite') {
    if (sqliteStorage(options.url) === ':memory:') {
      throw new Error('SQLite :memory: is not supported: transactions use their own connections; use a file');
    }
    tuneSqliteConnections(sequelize, options.busyTimeoutMs ?? 5000);
    shareTransactionConnection(sequelize);
    transactionStatementsThroughDriver(sequelize);
    await sequelize.query('PRAGMA journal_mode=WAL');
    // As SQLite's documentation advises for long-lived connections: check every table once at open.
    await optimizeSqlite(sequelize, '=0x10002');
  } else {
    await sequelize.authenticate();
  }

  const writeLock = new Mutex();
  /** The connection transactions share (shareTransactionConnection); used only under the write lock. */
  const writer = () => (sequelize.connectionManager as unknown as SqliteManager).getConnection({ uuid: WRITER_UUID });
  const checkpointer = dialect === 'sqlite' ? startCheckpointer(sequelize, (fn) => writeLock.runExclusive(fn)) : null;
  const script = dialect === 'sqlite' ? groupCommit((fn) => writeLock.runExclusive(fn), async (sql) => exec(await writer(), sql)) : null;
  return {
    sequelize,
    dialect,
    transaction: (fn) =>
      dialect === 'sqlite'
        ? writeLock.runExclusive(() => sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, fn))
        : sequelize.transaction(fn),
    autocommit: (fn) =>
      dialect === 'sqlite'
        ? writeLock.runExclusive(async () => fn({ connection: await writer() }))
        : fn(undefined),
    script: async (statements) => {
      if (!script) throw new Error('Database#script is for SQLite');
      if (typeof logging === 'function') logging(`Executing (script): ${statements.join(';\n')}`);
      await script(statements).catch((err: unknown) => {
        throw asSequelizeError(sequelize, err, statements.join(';\n'));
      });
    },
    inOrder: async <T extends readonly unknown[]>(steps: { [K in keyof T]: () => Promise<T[K]> }) => {
      const run = steps as unknown as Array<() => Promise<unknown>>;
      if (dialect === 'sqlite') return (await Promise.all(run.map((step) => step()))) as unknown as T;
      const results: unknown[] = [];
      for (const step of run) results.push(await step());
      return results as unknown as T;
    },
    optimize: async () => {
      if (dialect === 'sqlite') await optimizeSqlite(sequelize);
    },
    close: async () => {
      await checkpointer?.stop();
      if (dialect === 'sqlite') await Promise.all(Object.values((sequelize.connectionManager as unknown as SqliteManager).connections).map(finalizeStatements));
      await sequelize.close();
    },
  };
}

/** PRAGMA optimize with a sampling limit, so analyzing a large table takes a fraction of a second, not minutes. */
async function optimizeSqlite(sequelize: Sequelize, flags = ''): Promise<void> {
  await sequelize.query('PRAGMA analysis_limit=400');
  await sequelize.query(`PRAGMA optimize${flags}`);
}

interface SqliteHandle {
  configure(option: 'busyTimeout', ms: number): void;
  exec(sql: string, cb?: (err: Error | null) => void): void;
  kadeskTuned?: boolean;
}

/** Runs SQL text of one or more statements on a SQLite connection, returning no rows. */
const exec = (connection: SqliteHandle, sql: string) => new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));

/**
 * Sequelize's SQLite dialect opens a fresh connection per transaction and exposes no connect hook for it,
 * so per-connection settings (busy timeout, WAL-appropriate fsync level) are applied where it hands them out.
 */
function tuneSqliteConnections(sequelize: Sequelize, busyTimeoutMs: number): void {
  const manager = sequelize.connectionManager as unknown as {
    getConnection(options?: object): Promise<SqliteHandle>;
  };
  const getConnection = manager.getConnection.bind(manager);
  manager.getConnection = async (opts?: object) => {
    const connection = await getConnection(opts);
    if (!connection.kadeskTuned) {
      connection.kadeskTuned = true;
      connection.configure('busyTimeout', busyTimeoutMs);
      // Checkpoints are the checkpointer's (sqlite-checkpointer.ts), never a committing writer's.
      await exec(connection, `PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit=${WAL_LIMIT_BYTES}`);
    }
    return connection;
  };
}

interface SqliteManager {
  connections: Record<string, SqliteHandle>;
  getConnection(options?: { uuid?: string }): Promise<SqliteHandle>;
  releaseConnection(connection: SqliteHandle, force?: boolean): unknown;
  destroyConnection(connection: SqliteHandle): Promise<unknown>;
}

const TRANSACTIONS_UUID = 'kadesk-transactions';
/** Any uuid but the default one gets the connection transactions share (see shareTransactionConnection). */
const WRITER_UUID = 'kadesk-autocommit';

/**
 * Sequelize's SQLite dialect opens and closes a connection for every transaction: a file open, a schema parse and
 * three PRAGMAs each time, the largest cost of a short transaction. Transactions here run one at a time (the write
 * lock), so they share one long-lived connection instead; queries outside transactions keep the default one.
 * A transaction that fails to commit or roll back still gets its connection destroyed, as Sequelize intends.
 */
function shareTransactionConnection(sequelize: Sequelize): void {
  const manager = sequelize.connectionManager as unknown as SqliteManager;
  const get = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  const destroy = manager.destroyConnection.bind(manager);
  let shared: Promise<SqliteHandle> | null = null;
  let sharedConnection: SqliteHandle | null = null;
  manager.getConnection = (opts) => {
    if (!opts?.uuid || opts.uuid === 'default' || opts.uuid === CHECKPOINT_UUID) return get(opts);
    shared ??= get({ ...opts, uuid: TRANSACTIONS_UUID }).then((c) => (sharedConnection = c));
    return shared;
  };
  manager.releaseConnection = (connection, force) => (connection === sharedConnection ? undefined : release(connection, force));
  manager.destroyConnection = async (connection) => {
    if (connection !== sharedConnection) return destroy(connection);
    shared = null;
    sharedConnection = null;
    delete manager.connections[TRANSACTIONS_UUID];
    await finalizeStatements(connection);
    await new Promise<void>((resolve) => (connection as unknown as { close(cb: () => void): void }).close(() => resolve()));
  };
}

interface TransactionQueries {
  queryGenerator: Record<'startTransactionQuery' | 'commitTransactionQuery' | 'rollbackTransactionQuery', (t: Transaction) => string>;
  startTransaction(t: Transaction): Promise<unknown>;
  commitTransaction(t: Transaction): Promise<unknown>;
  rollbackTransaction(t: Transaction): Promise<unknown>;
}

/**
 * BEGIN, COMMIT and ROLLBACK (or the savepoints of a nested transaction) as prepared statements on the
 * transaction's connection, like the hot statements inside it (driver-statements.ts): through Sequelize's query()
 * each cost as much as a statement's whole work. The SQL is Sequelize's own; its Transaction object is unchanged.
 */
function transactionStatementsThroughDriver(sequelize: Sequelize): void {
  const queries = sequelize.getQueryInterface() as unknown as TransactionQueries;
  const sql = queries.queryGenerator;
  const run = (text: string, t: Transaction) => runStatement(sequelize, text, {}, t);
  queries.startTransaction = (t) => run(sql.startTransactionQuery(t), t);
  queries.commitTransaction = async (t) => {
    // A savepoint is released with its parent's commit, as in Sequelize.
    if ((t as unknown as { parent?: Transaction }).parent) return;
    await run(sql.commitTransactionQuery(t), t);
  };
  queries.rollbackTransaction = (t) => run(sql.rollbackTransactionQuery(t), t);
}
