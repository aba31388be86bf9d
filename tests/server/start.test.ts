// `kadesk start` as an operator runs it: a real process on a fresh SQLite file, probed over HTTP, stopped by SIGINT.
import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sqlite3 from 'sqlite3';

const ROOT = path.resolve(__dirname, '../..');

function startProcess(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; output: () => string; url: Promise<string> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'server/bin/kadesk.js'), 'start'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  let out = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/health\s+(http:\/\/localhost:\d+)\/healthz/);
      if (m) resolve(m[1]!);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
  return { child, output: () => out, url };
}

const exitOf = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

test('start migrates and seeds an empty SQLite database, serves /healthz, and shuts down cleanly on SIGINT', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-start-'));
  const dbFile = path.join(dir, 'nested', 'kadesk.sqlite');
  const proc = startProcess({ KADESK_DB_FILE: dbFile });
  try {
    const base = await proc.url;
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: { status: 'ok', dialect: 'sqlite' } });
    expect(proc.output()).toContain('platform API key');

    const exited = exitOf(proc.child);
    proc.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(proc.output()).toContain('bye');

    const db = new sqlite3.Database(dbFile);
    const get = (sql: string) => new Promise<Record<string, unknown>>((resolve, reject) => db.get(sql, (err, row) => (err ? reject(err) : resolve(row as Record<string, unknown>))));
    expect(await get('PRAGMA journal_mode')).toEqual({ journal_mode: 'wal' });
    const orders = await get('SELECT COUNT(*) AS n FROM orders');
    expect(Number(orders.n)).toBeGreaterThan(1000);
    await new Promise((r) => db.close(r));
  } finally {
    if (proc.child.exitCode === null) proc.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

test('a bad configuration stops start with a clear message and a failing exit code', async () => {
  const proc = startProcess({ PORT: 'not-a-port' });
  const code = await exitOf(proc.child);
  expect(code).not.toBe(0);
  expect(proc.output()).toMatch(/Invalid configuration:[\s\S]*PORT/);
  await proc.url.catch(() => undefined);
});
