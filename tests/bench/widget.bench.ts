// `npm run bench:widget`: N buyers chatting with a real KaDesk server started in its own process (`kadesk start`,
// fresh SQLite file, demo mode) over loopback, through the documented widget protocol only.
//   --buyers N (500)  --rate R messages/s per buyer (1)  --duration S (30)  --step-seconds S of each ceiling step (10)
//   --max-rate M fleet messages/s where the ceiling search stops (4000)  --no-ramp  --cpu-prof DIR (server profile)
//   --memory-connections N idle widgets connected for the memory reading (2000)
//   --postgres: a fresh PostgreSQL database on BENCH_POSTGRES_URL's server instead of SQLite (results/widget-postgres.json)
// Reports send → bot reply p50/p95/p99, lost or doubly answered messages (client view and the database), the
// ceiling (fleet rate stepped up until p99 > 50 ms or an error), CPU per message, server RSS per connected widget.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import { emptyPostgresDatabase } from './bench-databases';
import { latency, machine, table, type Latency } from './bench-report';
import { demoTokens, freePort, startServer, stopServer } from './server-process';
import { runStep, WidgetBuyer, type StepResult } from './widget-load';

const P99_TARGET_MS = 50;
const RAMP_FACTORS = [1, 1.5, 2, 3, 4, 6, 8];

function flags(argv: string[]) {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    const parsed = at === -1 ? fallback : Number(argv[at + 1]);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} needs a positive number`);
    return parsed;
  };
  const prof = argv.indexOf('--cpu-prof');
  return {
    buyers: Math.round(value('buyers', 500)),
    rate: value('rate', 1),
    duration: value('duration', 30),
    stepSeconds: value('step-seconds', 10),
    maxRate: value('max-rate', 4000),
    memoryConnections: Math.round(value('memory-connections', 2000)),
    ramp: !argv.includes('--no-ramp'),
    postgres: argv.includes('--postgres'),
    cpuProfDir: prof === -1 ? null : path.resolve(argv[prof + 1] ?? 'tests/bench/results/profiles'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** User + system CPU a process has used, in ms (/proc/<pid>/stat counts clock ticks, 100 a second on Linux). */
const cpuMs = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};

/** Runs a load step and measures the CPU both sides spent on it, per message answered. */
async function measuredStep(pid: number, ...args: Parameters<typeof runStep>) {
  const server = cpuMs(pid);
  const client = process.cpuUsage();
  const step = await runStep(...args);
  const used = process.cpuUsage(client);
  const per = (ms: number) => Math.round((ms / Math.max(1, step.replied)) * 1000) / 1000;
  return { step, cpuMsPerMessage: { server: per(cpuMs(pid) - server), loadGenerator: per((used.user + used.system) / 1000) } };
}

/** The median of a few RSS readings a second apart, once connecting and the work it caused have settled. */
async function settledRssMiB(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    await sleep(1_000);
    readings.push(rssMiB(pid));
  }
  return readings.sort((a, b) => a - b)[2]!;
}

const rssMiB = (pid: number): number => Number(/^VmRSS:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

interface Verdict {
  lost: number;
  unanswered: number;
  errors: number;
}

const verdict = (s: StepResult): Verdict => ({ lost: s.sent - s.acked, unanswered: s.acked - s.replied, errors: s.errors.length });
const passes = (s: StepResult, l: Latency): boolean => s.errors.length === 0 && s.replied === s.sent && l.p99Ms <= P99_TARGET_MS;

/** The database's view: every acked message stored once and answered by exactly one turn, as the clients saw. */
async function checkDatabase(db: Sequelize, seen: Map<number, number>) {
  try {
    const rows = await db.query<{ id: number; replies: number; turns: number }>(
      `SELECT b.id, COUNT(r.id) AS replies, COUNT(DISTINCT r.turn_id) AS turns
         FROM conversation_messages b LEFT JOIN conversation_messages r ON r.reply_to = b.id AND r.role = 'bot'
        WHERE b.role = 'buyer' GROUP BY b.id`,
      { type: QueryTypes.SELECT },
    );
    const stored = new Map(rows.map((r) => [Number(r.id), r]));
    let missing = 0;
    let unanswered = 0;
    let doubleAnswered = 0;
    let clientMismatch = 0;
    for (const [id, received] of seen) {
      const row = stored.get(id);
      if (!row) {
        missing++;
        continue;
      }
      const replies = Number(row.replies);
      if (replies === 0) unanswered++;
      // Every reply row carries the id of the turn that wrote it.
      else if (Number(row.turns) !== 1) doubleAnswered++;
      if (replies !== received) clientMismatch++;
    }
    return { buyerMessages: rows.length, checked: seen.size, missing, unanswered, doubleAnswered, clientMismatch };
  } finally {
    await db.close();
  }
}

const fmt = (x: number, digits = 1) => x.toFixed(digits);

async function main(): Promise<void> {
  const opts = flags(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-widget-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  if (opts.cpuProfDir) fs.mkdirSync(opts.cpuProfDir, { recursive: true });
  const postgres = opts.postgres ? await emptyPostgresDatabase() : null;
  console.log(`server: kadesk start on ${base}, ${postgres ? `PostgreSQL ${postgres.url}` : `SQLite ${dir}/bench.sqlite`}`);
  const server = await startServer({
    dir,
    dbFile: path.join(dir, 'bench.sqlite'),
    databaseUrl: postgres?.url,
    port,
    cpuProfDir: opts.cpuProfDir,
    // Flood protection sized so the bench's own rate never trips it.
    env: { WIDGET_RATE_POINTS: String(Math.max(1000, opts.buyers * 10)), WIDGET_RATE_SECONDS: '1' },
  }).catch(async (err: unknown) => {
    await postgres?.drop();
    throw err;
  });
  const buyers: WidgetBuyer[] = [];
  try {
    const pid = server.pid!;
    const list = await demoTokens(base, 'bench', opts.buyers + 1);
    // One conversation first: the bot loads (or trains) its model on the first message.
    const warm = await WidgetBuyer.connect(base, list[opts.buyers], 0);
    await runStep([warm], 1, 1, 60_000);
    warm.close();
    const baselineMiB = await settledRssMiB(pid);
    for (let i = 0; i < opts.buyers; i++) buyers.push(await WidgetBuyer.connect(base, list[i], i));
    // The fleet alone (500 × ~15 KiB) is within the heap's own swings; more idle widgets (a buyer's extra tabs,
    // on the same tokens) make the difference measurable. They leave before the load runs.
    const extra: WidgetBuyer[] = [];
    for (let i = opts.buyers; i < opts.memoryConnections; i++) extra.push(await WidgetBuyer.connect(base, list[i % opts.buyers], i));
    const connections = buyers.length + extra.length;
    const connectedMiB = await settledRssMiB(pid);
    for (const b of extra) b.close();
    const perBuyerKiB = ((connectedMiB - baselineMiB) * 1024) / connections;
    console.log(`RSS ${fmt(baselineMiB)} MiB → ${fmt(connectedMiB)} MiB with ${connections} idle widgets: ${fmt(perBuyerKiB)} KiB each`);

    await runStep(buyers, opts.rate, Math.min(5, opts.duration)); // warm-up, not reported
    const { step: main, cpuMsPerMessage } = await measuredStep(pid, buyers, opts.rate, opts.duration);
    const mainLatency = latency(main.latenciesMs);
    const all = new Map(main.repliesById);
    console.log(`main: ${main.sent} sent, ${main.acked} acked, ${main.replied} answered, p99 ${mainLatency.p99Ms} ms, CPU ms/message: server ${cpuMsPerMessage.server}, load generator ${cpuMsPerMessage.loadGenerator}`);
    console.log(`main: slowest reply of each second (ms): ${main.slowestBySecond.join(' ')}`);

    const steps: Array<{ targetRate: number; achievedRate: number; latency: Latency; verdict: Verdict; serverCpuMsPerMessage: number; pass: boolean }> = [];
    if (opts.ramp) {
      for (const factor of RAMP_FACTORS) {
        const perBuyer = opts.rate * factor;
        if (perBuyer * opts.buyers > opts.maxRate) break;
        const started = performance.now();
        const { step, cpuMsPerMessage: cpu } = await measuredStep(pid, buyers, perBuyer, opts.stepSeconds);
        const seconds = (performance.now() - started) / 1000;
        for (const [id, n] of step.repliesById) all.set(id, n);
        const l = latency(step.latenciesMs.length ? step.latenciesMs : [Infinity]);
        const pass = passes(step, l);
        steps.push({ targetRate: step.targetRate, achievedRate: Math.round(step.replied / seconds), latency: l, verdict: verdict(step), serverCpuMsPerMessage: cpu.server, pass });
        console.log(`step ${step.targetRate} msg/s: p99 ${l.p99Ms} ms, ${step.replied}/${step.sent} answered, ${step.errors.length} errors`);
        if (!pass) break;
      }
    }
    await sleep(1_000);
    // Reply counts as the clients finally saw them.
    for (const id of all.keys()) all.set(id, buyers.reduce((n, b) => n + (b.repliesById.get(id) ?? 0), 0));
    for (const b of buyers) b.close();
    const database = await checkDatabase(
      postgres ? new Sequelize(postgres.url, { logging: false }) : new Sequelize({ dialect: 'sqlite', storage: path.join(dir, 'bench.sqlite'), logging: false }),
      all,
    );
    const ceiling = steps.filter((s) => s.pass).at(-1)?.targetRate ?? null;

    const result = {
      at: new Date().toISOString(),
      machine: machine(),
      dialect: postgres ? 'postgres' : 'sqlite',
      options: { buyers: opts.buyers, perBuyerRate: opts.rate, durationS: opts.duration, stepSeconds: opts.stepSeconds, p99TargetMs: P99_TARGET_MS },
      main: {
        targetRate: main.targetRate,
        sent: main.sent,
        acked: main.acked,
        answered: main.replied,
        errors: main.errors.slice(0, 10),
        latency: mainLatency,
        cpuMsPerMessage,
        slowestBySecond: main.slowestBySecond,
        pass: passes(main, mainLatency),
      },
      ceiling: { messagesPerSecond: ceiling, steps },
      memory: { baselineRssMiB: baselineMiB, connectedRssMiB: connectedMiB, connections, perBuyerKiB: Math.round(perBuyerKiB * 10) / 10 },
      database,
    };
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, `results/widget${postgres ? '-postgres' : ''}.json`), `${JSON.stringify(result, null, 2)}\n`);

    const m = result.machine;
    console.log(`\nmachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, node ${m.node}`);
    console.log(
      table(
        ['metric', 'value'],
        [
          ['buyers × rate', `${opts.buyers} × ${opts.rate}/s for ${opts.duration} s (${main.targetRate} msg/s)`],
          ['sent / acked / answered', `${main.sent} / ${main.acked} / ${main.replied}`],
          ['send → reply p50 / p95 / p99', `${mainLatency.p50Ms} / ${mainLatency.p95Ms} / ${mainLatency.p99Ms} ms`],
          ['send → reply max', `${mainLatency.maxMs} ms`],
          ['CPU per message: server / load generator', `${cpuMsPerMessage.server} / ${cpuMsPerMessage.loadGenerator} ms`],
          ['p99 < 50 ms', result.main.pass ? 'yes' : 'NO'],
          ['lost (db: missing, unanswered, answered twice)', `${database.missing}, ${database.unanswered}, ${database.doubleAnswered} of ${database.checked}`],
          ['client/db reply count mismatches', String(database.clientMismatch)],
          ['ceiling (p99 ≤ 50 ms, no errors)', ceiling === null ? 'below the first step' : `${ceiling} msg/s`],
          [`server RSS idle → ${connections} widgets connected`, `${fmt(baselineMiB)} → ${fmt(connectedMiB)} MiB`],
          ['RSS per connected widget', `${fmt(perBuyerKiB)} KiB`],
        ],
      ),
    );
    if (steps.length) {
      console.log(
        `\n${table(
          ['fleet msg/s', 'answered/s', 'p50 ms', 'p95 ms', 'p99 ms', 'server CPU ms/msg', 'lost', 'errors', 'pass'],
          steps.map((s) => [
            String(s.targetRate),
            String(s.achievedRate),
            String(s.latency.p50Ms),
            String(s.latency.p95Ms),
            String(s.latency.p99Ms),
            String(s.serverCpuMsPerMessage),
            String(s.verdict.lost + s.verdict.unanswered),
            String(s.verdict.errors),
            s.pass ? 'yes' : 'no',
          ]),
        )}`,
      );
    }
  } finally {
    for (const b of buyers) b.close();
    await stopServer(server);
    await postgres?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
