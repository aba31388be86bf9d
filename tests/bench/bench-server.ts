// Idle memory of the real server: starts `kadesk start` on a database, waits for /healthz, samples the process's
// resident set from /proc, then stops it with SIGINT the way an operator would.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface IdleMemory {
  /** Highest VmRSS seen while idle. */
  rssPeakMiB: number;
  /** VmHWM: the kernel's peak resident set since the process started (startup included). */
  hwmMiB: number;
  startupMs: number;
  sampledMs: number;
}

const statusKiB = (pid: number, field: 'VmRSS' | 'VmHWM'): number => {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function idleServerMemory(databaseUrl: string, sampleMs = 5_000): Promise<IdleMemory> {
  const started = Date.now();
  const env = { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', KADESK_DB_FILE: databaseUrl, DATABASE_URL: databaseUrl };
  const child = spawn(process.execPath, [path.join(ROOT, 'server/bin/kadesk.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    let port: number | null = null;
    while (port === null) {
      if (child.exitCode !== null) throw new Error(`kadesk start exited ${child.exitCode}:\n${output}`);
      if (Date.now() - started > 120_000) throw new Error(`kadesk start did not come up in 120 s:\n${output}`);
      const match = /http:\/\/localhost:(\d+)\/healthz/.exec(output);
      if (match && (await fetch(`http://127.0.0.1:${match[1]}/healthz`).then((r) => r.ok, () => false))) port = Number(match[1]);
      else await sleep(200);
    }
    const startupMs = Date.now() - started;
    let rssPeak = 0;
    const until = Date.now() + sampleMs;
    while (Date.now() < until) {
      rssPeak = Math.max(rssPeak, statusKiB(child.pid!, 'VmRSS'));
      await sleep(100);
    }
    const hwm = statusKiB(child.pid!, 'VmHWM');
    return { rssPeakMiB: Math.round(rssPeak / 102.4) / 10, hwmMiB: Math.round(hwm / 102.4) / 10, startupMs, sampledMs: sampleMs };
  } finally {
    if (child.exitCode === null) child.kill('SIGINT');
    const code = await Promise.race([exited, sleep(15_000).then(() => 'timeout' as const)]);
    if (code === 'timeout') child.kill('SIGKILL');
  }
}
