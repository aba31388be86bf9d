// Service metrics for supervisors: how much the bot contains, which intents end with a person, and how the
// agents answer (first response, handling time, SLA breaches, CSAT) by day or by agent. Reads the desk's columns
// on `handoffs` (migration 0004) and `csat_ratings`.
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import { addDays, cstParts, DayRange, parseRange, rangeQuery, rateOf, round4 } from './analytics-range';
import type { Clock } from './clock';
import type { Database } from './db';
import { Agent } from './tables';
import { parseInput } from './validate';

const serviceQuery = rangeQuery.extend({ by: z.enum(['day', 'agent']).default('day') }).strict();

interface Timing {
  count: number;
  avgMs: number | null;
  maxMs: number | null;
}

export interface ServiceRow {
  key: string | null;
  label: string;
  handoffs: number;
  firstResponse: Timing;
  handling: Timing;
  slaBreaches: number;
  csat: { count: number; average: number | null };
}

type Raw = Record<string, string | number | null>;
const num = (v: string | number | null | undefined): number => Number(v ?? 0);
const maybe = (v: string | number | null | undefined): number | null => (v === null || v === undefined ? null : Math.round(Number(v)));
const HANDED_OFF = 'EXISTS (SELECT 1 FROM handoffs h WHERE h.conversation_id = c.id)';

export class ServiceAnalytics {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  private select(sql: string, range: DayRange): Promise<Raw[]> {
    return this.deps.db.sequelize.query<Raw>(sql, { replacements: { start: range.start, end: range.end }, type: QueryTypes.SELECT });
  }

  async metrics(query: unknown) {
    const q = parseInput(serviceQuery, query);
    const range = parseRange(q, this.deps.clock.now());
    const inRange = (column: string) => `${column} >= :start AND ${column} < :end`;
    const [containment] = await this.select(
      `SELECT COUNT(*) AS conversations, SUM(CASE WHEN ${HANDED_OFF} THEN 1 ELSE 0 END) AS handed FROM conversations c WHERE ${inRange('c.created_at')}`,
      range,
    );
    const byIntent = await this.select(
      `SELECT intent, COUNT(*) AS conversations, SUM(handed) AS handed FROM (
         SELECT COALESCE((SELECT h.intent FROM handoffs h WHERE h.conversation_id = c.id ORDER BY h.id LIMIT 1), c.intent, 'none') AS intent,
                CASE WHEN ${HANDED_OFF} THEN 1 ELSE 0 END AS handed
         FROM conversations c WHERE ${inRange('c.created_at')}) x
       GROUP BY intent`,
      range,
    );
    const key = q.by === 'day' ? cstParts(this.deps.db.dialect, 'h.created_at').day : 'h.claimed_by';
    const rows = await this.select(
      `SELECT ${key} AS key, COUNT(*) AS handoffs,
          COUNT(h.first_response_ms) AS "frCount", AVG(h.first_response_ms) AS "frAvg", MAX(h.first_response_ms) AS "frMax",
          COUNT(h.handling_ms) AS "hCount", AVG(h.handling_ms) AS "hAvg", MAX(h.handling_ms) AS "hMax",
          SUM(CASE WHEN h.breached_at IS NOT NULL THEN 1 ELSE 0 END) AS breaches, COUNT(r.id) AS "csatCount", AVG(r.rating) AS "csatAvg"
        FROM handoffs h LEFT JOIN csat_ratings r ON r.handoff_id = h.id WHERE ${inRange('h.created_at')} GROUP BY ${key}`,
      range,
    );
    const conversations = num(containment?.conversations);
    const handedOff = num(containment?.handed);
    return {
      from: range.from,
      to: range.to,
      containment: { conversations, handedOff, contained: conversations - handedOff, rate: rateOf(conversations - handedOff, conversations) },
      handoffsByIntent: byIntent
        .map((r) => ({ intent: String(r.intent), conversations: num(r.conversations), handedOff: num(r.handed), rate: rateOf(num(r.handed), num(r.conversations)) }))
        .sort((a, b) => b.handedOff - a.handedOff || a.intent.localeCompare(b.intent)),
      rows: q.by === 'day' ? this.fillDays(rows.map(toRow), range) : await this.nameAgents(rows.map(toRow)),
    };
  }

  private fillDays(rows: ServiceRow[], range: DayRange): ServiceRow[] {
    const byDay = new Map(rows.map((r) => [r.key, r]));
    const out: ServiceRow[] = [];
    for (let day = range.from; day <= range.to; day = addDays(day, 1)) out.push(byDay.get(day) ?? toRow({ key: day }));
    return out;
  }

  private async nameAgents(rows: ServiceRow[]): Promise<ServiceRow[]> {
    const ids = rows.flatMap((r) => (r.key && /^\d+$/.test(r.key) ? [Number(r.key)] : []));
    const agents = new Map((ids.length ? await Agent.findAll({ where: { id: ids } }) : []).map((a) => [String(a.id), a.name]));
    return rows.map((r) => ({ ...r, label: r.key === null ? 'unclaimed' : (agents.get(r.key) ?? r.key) })).sort((a, b) => b.handoffs - a.handoffs || a.label.localeCompare(b.label));
  }
}

function toRow(r: Raw): ServiceRow {
  const key = r.key === null || r.key === undefined ? null : String(r.key);
  return {
    key,
    label: key ?? 'unclaimed',
    handoffs: num(r.handoffs),
    firstResponse: { count: num(r.frCount), avgMs: maybe(r.frAvg), maxMs: maybe(r.frMax) },
    handling: { count: num(r.hCount), avgMs: maybe(r.hAvg), maxMs: maybe(r.hMax) },
    slaBreaches: num(r.breaches),
    csat: { count: num(r.csatCount), average: r.csatAvg === null || r.csatAvg === undefined ? null : round4(Number(r.csatAvg)) },
  };
}
