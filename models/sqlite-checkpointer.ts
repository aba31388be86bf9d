// WAL checkpoints off the write path. SQLite's automatic checkpoint runs inside the COMMIT that crosses its
// threshold, and with synchronous=NORMAL a checkpoint fsyncs: the one writer, and every write queued behind it in
// models/db.ts, would wait for the disk. Here connections never checkpoint on commit; a connection of its own runs a
// PASSIVE checkpoint every second, which copies what it can without blocking writers or readers.
// A PASSIVE checkpoint alone never finishes while writers keep appending and readers keep reading (SQLite's
// "checkpoint starvation"), and a WAL that is never finished is never reset: under the widget bench it grew by
// 30 MB a second. So once the WAL holds RESTART_FRAMES, the checkpointer takes the write lock and, right after its
// PASSIVE pass, runs a RESTART one: only what was written during that pass is left to copy, readers finish their
// snapshots, and the next writer starts the WAL from its beginning, truncated to WAL_LIMIT_BYTES. A RESTART waits
// for readers still on an older snapshot, holding up the writers meanwhile, so it waits RESTART_BUSY_MS at most
// and otherwise gives up until the next tick: a long read (an analytics export) must not stall every write for
// the 5 s busy timeout. Durability is unchanged.
import type { Sequelize } from 'sequelize';
import { runStatement } from './driver-statements';

/** The checkpointer's own connection (models/db.ts hands every other non-default uuid the writers' connection). */
export const CHECKPOINT_UUID = 'kadesk-checkpoint';
const EVERY_MS = 1_000;
/** 16 MB of 4 KB pages. */
const RESTART_FRAMES = 4_096;
/** How long a RESTART waits for readers on an older snapshot (the busy timeout of the checkpointer's connection). */
const RESTART_BUSY_MS = 250;
/**
 * What a reset WAL file is truncated to (journal_size_limit): the disk it keeps is bounded. Above what the WAL reaches
 * between resets under load (the restart threshold plus a second of writes, ~25–50 MB in the widget bench), so the
 * file is written over in place rather than cut and grown again every second: growing it allocates blocks, and on
 * ext4 an append that allocates can wait for the checkpoint's fsync. At 16 MB the widget bench's p95 was 22–28 ms
 * over 60 s runs; at 64 MB, 9–13 ms.
 */
export const WAL_LIMIT_BYTES = 64 * 1024 * 1024;

type WriteLock = <T>(fn: () => Promise<T>) => Promise<T>;

export function startCheckpointer(sequelize: Sequelize, withWriteLock: WriteLock): { stop(): Promise<void> } {
  const manager = sequelize.connectionManager as unknown as { getConnection(options: { uuid: string }): Promise<{ configure(option: 'busyTimeout', ms: number): void }> };
  const checkpoint = async (mode: 'PASSIVE' | 'RESTART') => {
    const connection = await manager.getConnection({ uuid: CHECKPOINT_UUID });
    // A PASSIVE checkpoint never waits; only a RESTART one uses the busy timeout.
    connection.configure('busyTimeout', RESTART_BUSY_MS);
    const [row] = await runStatement<{ log: number }>(sequelize, `PRAGMA wal_checkpoint(${mode})`, {}, { connection });
    return Number(row?.log ?? 0);
  };
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    // A busy or failed checkpoint is harmless: the WAL is kept, and the next tick copies it.
    running ??= checkpoint('PASSIVE')
      .then((frames) => (frames >= RESTART_FRAMES ? withWriteLock(() => checkpoint('RESTART')) : 0))
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
