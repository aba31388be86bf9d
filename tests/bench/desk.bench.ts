// `npm run bench:desk`: the live-agent desk under a busy shop floor. A real KaDesk server in its own process
// (`kadesk start`, fresh SQLite file, demo mode, loopback), N buyers chatting with the bot through /widget, M agents
// on /desk. Some buyers ask for a human ("转人工"); every agent claims every new handoff the moment it arrives.
//   --buyers N (200)  --agents M (20)  --handoffs H (100)  --handoff-rate R handoffs/s (4)  --chat-rate C msg/s per buyer (0.2)
//   --cpu-prof DIR (server CPU profile)
// Reports handoff latency (buyer's "转人工" sent → `handoff:new` with the orders received: by the first agent and
// by all agents) p50/p95/p99 against a p99 target of 100 ms, and the claim race: exactly one winner per handoff,
// checked in the acks and in the database. Writes tests/bench/results/desk.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QueryTypes, Sequelize } from 'sequelize';
import { AgentService } from '../../models/agent-service';
import { openDomain } from '../../models';
import { latency, machine, table } from './bench-report';
import { ChattingBuyer, ClaimingAgent } from './desk-load';
import { demoTokens, freePort, startServer, stopServer } from './server-process';

const P99_TARGET_MS = 100;
const AGENT_PASSWORD = 'bench-agent-password';
/** The whole run is bounded: whatever happens, the process ends by then. */
const HARD_LIMIT_MS = 10 * 60_000;

function flags(argv: string[]) {
  const value = (name: string, fallback: number): number => {
    const at = argv.indexOf(`--${name}`);
    const parsed = at === -1 ? fallback : Number(argv[at + 1]);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} needs a positive number`);
    return parsed;
  };
  const prof = argv.indexOf('--cpu-prof');
  const o = {
    buyers: Math.round(value('buyers', 200)),
    agents: Math.round(value('agents', 20)),
    handoffs: Math.round(value('handoffs', 100)),
    handoffRate: value('handoff-rate', 4),
    chatRate: value('chat-rate', 0.2),
    cpuProfDir: prof === -1 ? null : path.resolve(argv[prof + 1] ?? 'tests/bench/results/profiles'),
  };
  if (o.handoffs > o.buyers) throw new Error('--handoffs cannot exceed --buyers (one handoff per buyer)');
  if (o.agents > 50) throw new Error('--agents: at most 50');
  return o;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Killed on the way out whatever happens, so a failed run never leaves a server behind. */
let serverPid: number | null = null;
process.on('exit', () => {
  if (serverPid !== null) {
    try {
      process.kill(serverPid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
});

/** Agent accounts written straight into the server's database file before it starts, as an operator's script would. */
async function createAgents(dbFile: string, n: number): Promise<string[]> {
  const domain = await openDomain({ databaseUrl: dbFile });
  try {
    const agents = new AgentService({ clock: domain.clock });
    const emails = Array.from({ length: n }, (_, i) => `bench-agent-${i}@kadesk.local`);
    // Room for every handoff of the run: the race decides who wins, capacity never does.
    for (const [i, email] of emails.entries()) await agents.ensure({ email, name: `坐席${i + 1}`, role: 'agent', password: AGENT_PASSWORD, maxChats: 50 });
    return emails;
  } finally {
    await domain.close();
  }
}

/** The database's word on every handoff: its status and holder. */
async function handoffRows(dbFile: string): Promise<Map<number, { conversationId: number; status: string; claimedBy: string | null }>> {
  const db = new Sequelize({ dialect: 'sqlite', storage: dbFile, logging: false });
  try {
    const rows = await db.query<{ id: number; conversation_id: number; status: string; claimed_by: string | null }>('SELECT id, conversation_id, status, claimed_by FROM handoffs', { type: QueryTypes.SELECT });
    return new Map(rows.map((r) => [Number(r.id), { conversationId: Number(r.conversation_id), status: r.status, claimedBy: r.claimed_by }]));
  } finally {
    await db.close();
  }
}

async function main(): Promise<void> {
  const opts = flags(process.argv.slice(2));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-desk-bench-'));
  const dbFile = path.join(dir, 'bench.sqlite');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  if (opts.cpuProfDir) fs.mkdirSync(opts.cpuProfDir, { recursive: true });
  const emails = await createAgents(dbFile, opts.agents);
  console.log(`server: kadesk start on ${base}, SQLite ${dbFile}, ${opts.agents} agent accounts created`);
  const server = await startServer({
    dir,
    dbFile,
    port,
    cpuProfDir: opts.cpuProfDir,
    env: { WIDGET_RATE_POINTS: String(Math.max(1000, opts.buyers * 10)), WIDGET_RATE_SECONDS: '1', DESK_BUSINESS_HOURS: '00:00-23:59' },
  });
  serverPid = server.pid ?? null;
  const buyers: ChattingBuyer[] = [];
  const agents: ClaimingAgent[] = [];
  try {
    const tokens = await demoTokens(base, 'desk-bench', opts.buyers + 1);
    // The bot loads (or trains) its model on the first message: not part of the measurement.
    const warm = await ChattingBuyer.connect(base, tokens[opts.buyers]!);
    await warm.chat(0);
    warm.close();
    for (const email of emails) agents.push(await ClaimingAgent.connect(base, email, AGENT_PASSWORD));
    for (let i = 0; i < opts.buyers; i++) buyers.push(await ChattingBuyer.connect(base, tokens[i]!));
    const loadBefore = os.loadavg();
    console.log(`${buyers.length} buyers and ${agents.length} agents connected; running ${Math.ceil(opts.handoffs / opts.handoffRate)} s`);

    // Buyer i < H asks for a human at i / rate seconds; everyone chats with the bot until then (or until the end).
    const runMs = (opts.handoffs / opts.handoffRate) * 1000;
    const chatEveryMs = 1000 / opts.chatRate;
    const start = performance.now();
    await Promise.all(
      buyers.map(async (buyer, i) => {
        const askAt = i < opts.handoffs ? start + (i / opts.handoffRate) * 1000 : Infinity;
        let next = start + ((i * 7919) % chatEveryMs);
        for (let k = 0; ; k++) {
          const until = Math.min(next, askAt);
          if (until > start + runMs && askAt === Infinity) return;
          if (until > performance.now()) await sleep(until - performance.now());
          if (performance.now() >= askAt) return buyer.askForHuman();
          await buyer.chat(i + k);
          next += chatEveryMs;
        }
      }),
    );
    // Let the last handoffs reach everyone and the claims settle (bounded).
    const probes = buyers.filter((b) => b.askedAt !== null);
    const deadline = performance.now() + 15_000;
    while (performance.now() < deadline && !probes.every((b) => agents.every((a) => a.arrivals.has(b.conversationId!)))) await sleep(50);
    await Promise.race([Promise.all(agents.map((a) => a.settled())), sleep(15_000)]);
    const loadAfter = os.loadavg();

    const first: number[] = [];
    const all: number[] = [];
    let missing = 0;
    let withoutOrders = 0;
    for (const b of probes) {
      const seen = agents.map((a) => a.arrivals.get(b.conversationId!)).filter((x) => x !== undefined);
      if (seen.length < agents.length) missing++;
      if (seen.length === 0) continue;
      if (seen.some((s) => s.orders === 0)) withoutOrders++;
      first.push(Math.min(...seen.map((s) => s.at)) - b.askedAt!);
      if (seen.length === agents.length) all.push(Math.max(...seen.map((s) => s.at)) - b.askedAt!);
    }
    const firstLatency = latency(first.length ? first : [Infinity]);
    const allLatency = latency(all.length ? all : [Infinity]);

    // Claim race: per handoff, the acks of every agent; then the database.
    const rows = await handoffRows(dbFile);
    const handoffIds = new Set(agents.flatMap((a) => [...a.claims.keys()]));
    let exactlyOne = 0;
    const anomalies: string[] = [];
    for (const id of handoffIds) {
      const outcomes = agents.map((a) => a.claims.get(id)).filter((o) => o !== undefined);
      const winners = outcomes.filter((o) => o.ok);
      const losers = outcomes.filter((o) => !o.ok);
      const row = rows.get(id);
      // A loser is told the handoff is taken, or, if it already holds its cap of conversations, that it has no room.
      const refused = losers.every((o) => o.code === 'HANDOFF_TAKEN' || o.code === 'CAPACITY_REACHED');
      const fine = winners.length === 1 && outcomes.length === agents.length && refused && row?.status === 'claimed' && row.claimedBy === String(winners[0]!.agentId);
      if (fine) exactlyOne++;
      else anomalies.push(`handoff ${id}: ${winners.length} winners, ${outcomes.length} acks (${losers.map((o) => o.code).join(',')}), db ${row?.status}/${row?.claimedBy}`);
    }
    const probeConversations = new Set(probes.map((b) => b.conversationId));
    const probeHandoffs = [...rows.values()].filter((r) => probeConversations.has(r.conversationId)).length;
    const chatterSent = buyers.reduce((n, b) => n + b.chatterSent, 0);
    const chatterAnswered = buyers.reduce((n, b) => n + b.chatterAnswered, 0);
    const errors = buyers.flatMap((b) => b.errors);
    const pass = missing === 0 && withoutOrders === 0 && allLatency.p99Ms < P99_TARGET_MS && anomalies.length === 0 && errors.length === 0;

    const result = {
      at: new Date().toISOString(),
      machine: { ...machine(), loadAverage: { before: loadBefore, after: loadAfter } },
      options: { ...opts, p99TargetMs: P99_TARGET_MS, cpuProfDir: undefined },
      handoffLatency: { firstAgent: firstLatency, allAgents: allLatency, asked: probes.length, handoffsCreated: probeHandoffs, notReachingEveryAgent: missing, withoutOrders },
      claimRace: { handoffs: handoffIds.size, exactlyOneWinner: exactlyOne, anomalies: anomalies.slice(0, 20) },
      chatter: { sent: chatterSent, answered: chatterAnswered, errors: errors.slice(0, 10), errorCount: errors.length },
      pass,
    };
    fs.mkdirSync(path.join(__dirname, 'results'), { recursive: true });
    fs.writeFileSync(path.join(__dirname, 'results/desk.json'), `${JSON.stringify(result, null, 2)}\n`);

    const m = result.machine;
    const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
    console.log(`\nmachine: ${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB RAM, node ${m.node}, load average ${load(loadBefore)} → ${load(loadAfter)}`);
    const lat = (l: typeof firstLatency) => `${l.p50Ms} / ${l.p95Ms} / ${l.p99Ms} ms (max ${l.maxMs})`;
    console.log(
      table(
        ['metric', 'value'],
        [
          ['buyers / agents', `${opts.buyers} / ${opts.agents}`],
          ['chatter (bot answers)', `${chatterAnswered} of ${chatterSent} answered, ${errors.length} errors (${opts.chatRate}/s per buyer)`],
          ['asked for a human / handoffs created', `${probes.length} / ${probeHandoffs} (${opts.handoffRate}/s)`],
          ['"转人工" → handoff:new, first agent p50 / p95 / p99', lat(firstLatency)],
          ['"转人工" → handoff:new, all agents p50 / p95 / p99', lat(allLatency)],
          ['handoffs not reaching every agent / without orders', `${missing} / ${withoutOrders}`],
          [`p99 (all agents) < ${P99_TARGET_MS} ms`, allLatency.p99Ms < P99_TARGET_MS ? 'yes' : 'NO'],
          ['claim race: exactly one winner (acks + db)', `${exactlyOne} of ${handoffIds.size}`],
        ],
      ),
    );
    for (const a of anomalies.slice(0, 5)) console.log(`  ${a}`);
  } finally {
    for (const b of buyers) b.close();
    for (const a of agents) a.close();
    await stopServer(server);
    serverPid = null;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

setTimeout(() => {
  console.error(`desk bench: over the ${HARD_LIMIT_MS / 60_000} min limit, giving up`);
  process.exit(2);
}, HARD_LIMIT_MS).unref();

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
