// Group commit of SQLite scripts (Database#script). Each script is one trip to SQLite's thread, but the write lock
// stays held until the main thread picks up the result, so under load scripts queue behind the lock and that queue
// is the tail of the bot's latency (widget bench at 500 msg/s: up to ~40 writers waiting). Scripts that wait
// together are run together: when the lock comes free, every script queued by then runs in one transaction, one
// trip, however many there are. Each keeps its own outcome: if any fails the group is rolled back and each runs
// again alone, so only the failing one fails, and it fails as it would have alone.

/** Runs SQL text of one or more statements on the writers' connection, returning no rows. */
export type Exec = (sql: string) => Promise<void>;
type WithLock = (fn: () => Promise<void>) => Promise<void>;

interface Waiting {
  statements: readonly string[];
  settle: (err?: unknown) => void;
}

/** `statements` run as one transaction (BEGIN IMMEDIATE … COMMIT); rolled back, and rejected, if one fails. */
export function groupCommit(withLock: WithLock, exec: Exec): (statements: readonly string[]) => Promise<void> {
  let waiting: Waiting[] = [];

  const transaction = async (statements: readonly string[]) => {
    try {
      await exec(['BEGIN IMMEDIATE', ...statements, 'COMMIT'].join(';\n'));
    } catch (err) {
      // Nothing to roll back when it failed at BEGIN or after COMMIT: SQLite says so, and that is fine.
      await exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  };

  const flush = async () => {
    const group = waiting;
    waiting = [];
    try {
      await transaction(group.flatMap((w) => w.statements));
      for (const w of group) w.settle();
    } catch (err) {
      if (group.length === 1) return group[0]!.settle(err);
      for (const w of group) await transaction(w.statements).then(() => w.settle(), w.settle);
    }
  };

  return (statements) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ statements, settle: (err) => (err === undefined ? resolve() : reject(err)) });
      // The first script of an empty queue asks for the lock; the ones queued meanwhile ride along with it.
      if (waiting.length === 1) void withLock(flush);
    });
}
