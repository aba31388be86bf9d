import fs from 'node:fs';
import { QueryTypes } from 'sequelize';
import sqlite3 from 'sqlite3';
import { Database, openDatabase } from '../../models/db';
import { createTestDatabase, TestDatabase } from '../helpers/databases';

const MB = 1024 * 1024;

// Commits never checkpoint (that fsync stalled every writer queued behind one); the checkpointer's own
// connection does, every second, so the WAL is reused instead of growing for as long as the server writes.
describe('WAL checkpoints on sqlite', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await createTestDatabase('sqlite');
    db = await openDatabase({ url: testDb.url });
    await db.sequelize.query('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT)');
  });
  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  const batch = () =>
    db.transaction(async (t) => {
      for (let i = 0; i < 100; i++) await db.sequelize.query('INSERT INTO blobs (body) VALUES (:body)', { replacements: { body: 'x'.repeat(10_000) }, transaction: t });
    });
  const walBytes = () => fs.statSync(`${testDb.url}-wal`).size;

  test('a committing writer does not checkpoint', async () => {
    const [{ wal_autocheckpoint }] = await db.transaction((t) =>
      db.sequelize.query<{ wal_autocheckpoint: number }>('PRAGMA wal_autocheckpoint', { type: QueryTypes.SELECT, transaction: t }),
    );
    expect(wal_autocheckpoint).toBe(0);
  });

  test('the WAL is checkpointed in the background and then reused, not grown', async () => {
    await batch();
    const oneBatch = walBytes();
    expect(oneBatch).toBeGreaterThan(900_000);
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      await batch();
    }
    expect(walBytes()).toBeLessThan(oneBatch * 1.5);
    const [{ n }] = await db.sequelize.query<{ n: number }>('SELECT COUNT(*) AS n FROM blobs', { type: QueryTypes.SELECT });
    expect(Number(n)).toBe(400);
  });

  test('with reads and writes never pausing, the WAL is still reset and stays bounded', async () => {
    // Readers always in flight on two connections keep a PASSIVE checkpoint from ever catching up with the
    // writers, and a WAL nobody resets grows by everything written.
    const seconds = 6;
    const until = Date.now() + seconds * 1_000;
    const read = async () => {
      while (Date.now() < until) await db.sequelize.query('SELECT COUNT(*) AS n, MAX(id) AS m FROM blobs', { type: QueryTypes.SELECT });
    };
    let written = 0;
    const write = async () => {
      while (Date.now() < until) {
        await db.transaction((t) => db.sequelize.query('INSERT INTO blobs (body) VALUES (:body)', { replacements: { body: 'y'.repeat(200_000) }, transaction: t }));
        written += 200_000;
      }
    };
    let largest = 0;
    const watch = setInterval(() => (largest = Math.max(largest, walBytes())), 50);
    await Promise.all([read(), read(), write()]);
    clearInterval(watch);
    // Between resets the WAL holds the restart threshold (16 MB) and what is written until the next tick (1 s).
    expect(largest).toBeLessThan(16 * MB + 1.5 * (written / seconds) + 4 * MB);
    expect(largest).toBeLessThan(written / 2);
  }, 20_000);

  test('a reader holding an old snapshot does not hold up the writers while the WAL waits to be reset', async () => {
    // A long read (an analytics export, say) on a connection of its own, its snapshot held open.
    const reader = new sqlite3.Database(testDb.url);
    const run = (sql: string) => new Promise<void>((resolve, reject) => reader.exec(sql, (err) => (err ? reject(err) : resolve())));
    await run('BEGIN; SELECT COUNT(*) FROM blobs;');
    try {
      let slowest = 0;
      const until = Date.now() + 3_500;
      while (Date.now() < until) {
        const started = Date.now();
        await db.transaction((t) => db.sequelize.query('INSERT INTO blobs (body) VALUES (:body)', { replacements: { body: 'z'.repeat(1_000_000) }, transaction: t }));
        slowest = Math.max(slowest, Date.now() - started);
      }
      // The RESTART checkpoint gives up on the reader quickly instead of waiting out the 5 s busy timeout.
      expect(slowest).toBeLessThan(2_000);
    } finally {
      await run('COMMIT');
      await new Promise((resolve) => reader.close(resolve));
    }
  }, 20_000);
});
