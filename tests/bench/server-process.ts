// A real KaDesk server for a benchmark: `kadesk start` in its own process on a free loopback port, a fresh SQLite
// file (or a given PostgreSQL database), demo mode; stopped with SIGINT the way an operator would (SIGKILL after 20 s).
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** `databaseUrl` (PostgreSQL) instead of the SQLite file, when given. */
export async function startServer(opts: { dir: string; dbFile: string; databaseUrl?: string; port: number; env?: Record<string, string>; cpuProfDir?: string | null }): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    KADESK_DEMO: '1',
    PORT: String(opts.port),
    HOST: '127.0.0.1',
    KADESK_DB_FILE: opts.dbFile,
    KADESK_MODEL_DIR: path.join(opts.dir, 'models'),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  if (opts.databaseUrl) env.DATABASE_URL = opts.databaseUrl;
  const nodeArgs = opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(ROOT, 'server/bin/kadesk.js'), 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 180_000;
  while (!(await fetch(`http://127.0.0.1:${opts.port}/healthz`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`kadesk start exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`kadesk start did not answer /healthz in 180 s:\n${output}`);
    await sleep(200);
  }
  return child;
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

/** Demo widget tokens (each demo buyer gets orders in every stage), a few requests at a time. */
export async function demoTokens(base: string, prefix: string, n: number): Promise<string[]> {
  const out: string[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const res = await fetch(`${base}/demo/token?buyer=${prefix}-${i}`);
      if (!res.ok) throw new Error(`/demo/token ${res.status}: ${await res.text()}`);
      out[i] = ((await res.json()) as { token: string }).token;
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return out;
}
