import fs from 'node:fs';
import { QueryTypes } from 'sequelize';
import { Database, openDatabase } from '../../models/db';
import { createTestDatabase, TestDatabase } from '../helpers/databases';

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
});
