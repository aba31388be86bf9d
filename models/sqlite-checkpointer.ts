// WAL checkpoints off the write path. SQLite's automatic checkpoint runs inside the COMMIT that crosses its
// threshold, and with synchronous=NORMAL a checkpoint fsyncs: the one writer, and every write queued behind it in
// models/db.ts, would wait for the disk. Here connections never checkpoint on commit; a connection of its own runs a
// PASSIVE checkpoint every second, which copies what it can without blocking writers or readers. Durability is
// unchanged. (The widget bench's run-to-run spread on the 2-core machine was too wide to put a number on the gain.)
import type { Sequelize } from 'sequelize';
import { runStatement } from './driver-statements';

/** The checkpointer's own connection (models/db.ts hands every other non-default uuid the writers' connection). */
export const CHECKPOINT_UUID = 'kadesk-checkpoint';
const EVERY_MS = 1_000;

export function startCheckpointer(sequelize: Sequelize): { stop(): Promise<void> } {
  const manager = sequelize.connectionManager as unknown as { getConnection(options: { uuid: string }): Promise<unknown> };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    // A busy or failed checkpoint is harmless: the WAL is kept, and the next tick copies it.
    running ??= manager
      .getConnection({ uuid: CHECKPOINT_UUID })
      .then((connection) => runStatement(sequelize, 'PRAGMA wal_checkpoint(PASSIVE)', {}, { connection }))
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => (running = null));
  }, EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
