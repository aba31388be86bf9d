// Group commit on a real SQLite file: scripts queued behind the write lock run as one transaction, and a failing
// one fails alone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Mutex } from 'async-mutex';
import sqlite3 from 'sqlite3';
import { groupCommit } from '../../models/sqlite-group-commit';

describe('groupCommit', () => {
  let dir: string;
  let connection: sqlite3.Database;
  const run = (sql: string) => new Promise<void>((resolve, reject) => connection.exec(sql, (err) => (err ? reject(err) : resolve())));
  const values = () =>
    new Promise<number[]>((resolve, reject) => connection.all<{ x: number }>('SELECT x FROM t ORDER BY x', (err, rows) => (err ? reject(err) : resolve(rows.map((r) => r.x)))));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-group-commit-'));
    connection = new sqlite3.Database(path.join(dir, 'db.sqlite'));
    await run('CREATE TABLE t (x INTEGER UNIQUE)');
  });
  afterEach(async () => {
    await new Promise((resolve) => connection.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Queues scripts while something else holds the lock, then lets them go; returns what reached SQLite. */
  async function queuedBehindLock(scripts: string[][]) {
    const lock = new Mutex();
    const sent: string[] = [];
    const script = groupCommit((fn) => lock.runExclusive(fn), (sql) => (sent.push(sql), run(sql)));
    const release = await lock.acquire();
    const outcomes = Promise.allSettled(scripts.map((s) => script(s)));
    release();
    return { outcomes: await outcomes, sent };
  }

  test('scripts that wait together commit in one transaction, in one trip', async () => {
    const { outcomes, sent } = await queuedBehindLock([['INSERT INTO t VALUES (1)'], ['INSERT INTO t VALUES (2)', 'INSERT INTO t VALUES (3)'], ['INSERT INTO t VALUES (4)']]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    expect(sent).toEqual(['BEGIN IMMEDIATE;\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES (2);\nINSERT INTO t VALUES (3);\nINSERT INTO t VALUES (4);\nCOMMIT']);
    expect(await values()).toEqual([1, 2, 3, 4]);
  });

  test('a failing script fails alone: the group is rolled back and each script runs again by itself', async () => {
    const { outcomes, sent } = await queuedBehindLock([['INSERT INTO t VALUES (1)'], ['INSERT INTO t VALUES (2)', 'INSERT INTO t VALUES (1)'], ['INSERT INTO t VALUES (3)']]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/UNIQUE constraint failed/);
    // Nothing of the failing script is kept, not even its first statement.
    expect(await values()).toEqual([1, 3]);
    expect(sent.filter((s) => s === 'ROLLBACK')).toHaveLength(2);
    expect(sent.filter((s) => s.startsWith('BEGIN'))).toHaveLength(4);
  });

  test('a script alone, or one queued after the group left, runs as its own transaction', async () => {
    const lock = new Mutex();
    const sent: string[] = [];
    const script = groupCommit((fn) => lock.runExclusive(fn), (sql) => (sent.push(sql), run(sql)));
    await script(['INSERT INTO t VALUES (1)']);
    await script(['INSERT INTO t VALUES (2)']);
    expect(sent).toEqual(['BEGIN IMMEDIATE;\nINSERT INTO t VALUES (1);\nCOMMIT', 'BEGIN IMMEDIATE;\nINSERT INTO t VALUES (2);\nCOMMIT']);
    await expect(script(['INSERT INTO t VALUES (2)'])).rejects.toThrow(/UNIQUE/);
    expect(await values()).toEqual([1, 2]);
  });
});
