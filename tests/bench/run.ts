// `npm run bench`: runs every tests/bench/*.bench.ts (each in its own process, so memory figures do not mix)
// except those with a `bench:*` npm script of their own, forwards the arguments, and prints a summary.
// usage: npm run bench -- [--skip a.bench.ts,b.bench.ts] [bench args, e.g. --orders 100000]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

/** Benches with an npm script of their own (`bench:intents`, `bench:widget`…) run there, not here. */
const scripts: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts ?? {};
const SKIP = new Set(
  Object.entries(scripts)
    .filter(([name]) => name.startsWith('bench:'))
    .flatMap(([, command]) => [...command.matchAll(/tests\/bench\/([\w.-]+\.bench\.ts)/g)].map((m) => m[1]!)),
);

const args = process.argv.slice(2);
const skipAt = args.indexOf('--skip');
if (skipAt >= 0) {
  for (const name of (args[skipAt + 1] ?? '').split(',')) if (name) SKIP.add(name);
  args.splice(skipAt, 2);
}

const benches = fs.readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts') && !SKIP.has(f)).sort();
const summary: string[] = [];
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n=== ${bench}\n`);
  const started = Date.now();
  const run = spawnSync(process.execPath, [path.join(root, 'server/bin/run-ts.js'), path.join(__dirname, bench), ...args], { cwd: root, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  // Exit 1 is a bench that ran but missed a target; anything else is a bench that could not run.
  const status = run.status === 0 ? 'ok, targets met' : run.status === 1 ? 'TARGETS MISSED' : `FAILED (exit ${run.status ?? run.signal})`;
  if (run.status !== 0) failed += 1;
  summary.push(`${bench.padEnd(28)} ${status.padEnd(20)} ${seconds} s`);
}
process.stdout.write(`\nbench summary (skipped: ${[...SKIP].join(', ') || 'none'})\n${summary.join('\n')}\n`);
process.exitCode = failed ? 1 : 0;
