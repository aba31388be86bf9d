// Supervisors' view of buyer credit: the buyers the policy puts on watch or restricts (with its reasons), and
// overrides of a buyer's level with an audited note.
import { QueryTypes } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import { activeOverride, overrideView } from './credit-override';
import { assessCredit, CreditStats } from './credit-policy';
import { AFTER_DELIVERY_STAGES, CreditProfile, CreditService, UNPAID_STAGES } from './credit-service';
import type { Database } from './db';
import { CREDIT_LEVELS } from './enums';
import { DomainError } from './errors';
import { audit, DeskActor } from './supervisor-audit';
import { Agent, Buyer, CreditOverride } from './tables';
import { parseInput } from './validate';

const note = z.string().trim().min(1).max(500);
const setInput = z.object({ level: z.enum(CREDIT_LEVELS), note, expiresAt: z.iso.datetime({ offset: true }).optional() }).strict();
const clearInput = z.object({ note }).strict();
const listQuery = z
  .object({
    level: z.enum(['watch', 'restricted']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(100),
    offset: z.coerce.number().int().min(0).default(0),
  })
  .strict();

export interface BuyerCredit extends CreditProfile {
  externalId: string;
  name: string | null;
  override: (NonNullable<CreditProfile['override']> & { byName: string | null }) | null;
}

const SEVERITY = { restricted: 2, watch: 1, good: 0 } as const;
const list = (stages: Set<string>) => [...stages].map((s) => `'${s}'`).join(', ');

export class CreditOverrideService {
  constructor(private readonly deps: { db: Database; clock: Clock; credit: CreditService }) {}

  /** Buyer names and the overriding supervisors' names, two queries for the whole page. */
  private async views(profiles: CreditProfile[]): Promise<BuyerCredit[]> {
    const ids = profiles.map((p) => p.buyerId);
    const agentIds = profiles.flatMap((p) => (p.override ? [p.override.by] : []));
    const [buyers, agents] = await Promise.all([
      ids.length ? Buyer.findAll({ where: { id: ids } }) : [],
      agentIds.length ? Agent.findAll({ where: { id: agentIds } }) : [],
    ]);
    const buyer = new Map(buyers.map((b) => [b.id, b]));
    const name = new Map(agents.map((a) => [a.id, a.name]));
    return profiles.map((p) => ({
      ...p,
      externalId: buyer.get(p.buyerId)!.externalId,
      name: buyer.get(p.buyerId)!.name,
      override: p.override ? { ...p.override, byName: name.get(p.override.by) ?? null } : null,
    }));
  }

  async get(buyerId: number): Promise<BuyerCredit> {
    if (!(await Buyer.findByPk(buyerId))) throw new DomainError('BUYER_NOT_FOUND', undefined, { kind: 'buyer', buyerId });
    const [view] = await this.views([await this.deps.credit.profile(buyerId)]);
    return view!;
  }

  /**
   * Buyers at or over a watch threshold are found with two grouped queries (the stage sets CreditService counts
   * by), their full stats counted in two more, rated by the policy's own `assessCredit`, and overrides applied:
   * thousands of buyers in tens of milliseconds, where one profile() per buyer took seconds.
   * tests/desk/supervisor-credit.test.ts checks the entries equal CreditService.profile().
   */
  async list(query: unknown): Promise<BuyerCredit[]> {
    const q = parseInput(listQuery, query);
    const policy = this.deps.credit.getPolicy();
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - policy.windowDays * 86_400_000);
    const burstSince = new Date(now.getTime() - policy.burstHours * 3_600_000);
    const select = <T extends object>(sql: string, ids: number[] = []) =>
      this.deps.db.sequelize.query<T>(sql, { replacements: { since, burstSince, ids, ...policy.watch }, type: QueryTypes.SELECT });
    const afterDelivery = `SUM(CASE WHEN stage IN (${list(AFTER_DELIVERY_STAGES)}) THEN 1 ELSE 0 END)`;
    const paid = `SUM(CASE WHEN stage NOT IN (${list(UNPAID_STAGES)}) THEN 1 ELSE 0 END)`;
    const burst = 'SUM(CASE WHEN created_at >= :burstSince THEN 1 ELSE 0 END)';
    const cancellations = `FROM cancellations WHERE category = 'user_initiated' AND created_at >= :since`;
    const disputes = `FROM disputes WHERE status = 'rejected' AND created_at >= :since`;
    const [flagged, overrides] = await Promise.all([
      select<{ buyerId: number }>(
        `SELECT buyer_id AS "buyerId" ${cancellations} GROUP BY buyer_id HAVING ${afterDelivery} >= :afterDelivery OR ${paid} >= :paidCancellations OR ${burst} >= :burst
         UNION SELECT buyer_id ${disputes} GROUP BY buyer_id HAVING COUNT(*) >= :rejectedDisputes`,
      ),
      CreditOverride.findAll({ where: { clearedAt: null }, order: [['id', 'ASC']] }),
    ]);
    const inForce = new Map(overrides.filter((o) => !o.expiresAt || o.expiresAt > now).map((o) => [o.buyerId, o]));
    const ids = [...new Set([...flagged.map((r) => Number(r.buyerId)), ...inForce.keys()])];
    if (ids.length === 0) return [];
    const [counted, rejected] = await Promise.all([
      select<{ buyerId: number } & Record<'afterDelivery' | 'paid' | 'all' | 'burst', number | string>>(
        `SELECT buyer_id AS "buyerId", ${afterDelivery} AS "afterDelivery", ${paid} AS paid, COUNT(*) AS "all", ${burst} AS burst ${cancellations} AND buyer_id IN (:ids) GROUP BY buyer_id`,
        ids,
      ),
      select<{ buyerId: number; n: number | string }>(`SELECT buyer_id AS "buyerId", COUNT(*) AS n ${disputes} AND buyer_id IN (:ids) GROUP BY buyer_id`, ids),
    ]);
    const stats = new Map<number, CreditStats>(ids.map((id) => [id, { unpaidCancellations: 0, paidCancellations: 0, afterDelivery: 0, burst: 0, rejectedDisputes: 0 }]));
    for (const r of counted) {
      Object.assign(stats.get(Number(r.buyerId))!, { unpaidCancellations: Number(r.all) - Number(r.paid), paidCancellations: Number(r.paid), afterDelivery: Number(r.afterDelivery), burst: Number(r.burst) });
    }
    for (const r of rejected) stats.get(Number(r.buyerId))!.rejectedDisputes = Number(r.n);
    const rated = [...stats].map(([buyerId, s]) => {
      const { level, reasons } = assessCredit(s, policy);
      const o = inForce.get(buyerId);
      return { buyerId, level: o?.level ?? level, computedLevel: level, override: o ? overrideView(o) : null, reasons, stats: s, windowDays: policy.windowDays };
    });
    const page = rated
      .filter((p) => (q.level ? p.level === q.level : p.level !== 'good'))
      .sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level] || b.reasons.length - a.reasons.length || a.buyerId - b.buyerId)
      .slice(q.offset, q.offset + q.limit);
    return this.views(page);
  }

  async set(actor: DeskActor, buyerId: number, input: unknown): Promise<BuyerCredit> {
    const data = parseInput(setInput, input);
    const before = await this.get(buyerId);
    const now = this.deps.clock.now();
    const expiresAt = data.expiresAt ? new Date(data.expiresAt) : null;
    if (expiresAt && expiresAt <= now) throw new DomainError('VALIDATION_FAILED', 'expiresAt: must be in the future');
    await this.deps.db.transaction(async (t) => {
      const current = await activeOverride(buyerId, now, t);
      if (current) await current.update({ clearedAt: now, clearedBy: actor.id, clearNote: 'replaced' }, { transaction: t });
      await CreditOverride.create({ buyerId, level: data.level, note: data.note, createdBy: actor.id, createdAt: now, expiresAt, clearedAt: null, clearedBy: null, clearNote: null }, { transaction: t });
      await audit(
        actor,
        { area: 'credit', action: 'credit.override', subject: `buyer:${buyerId}`, before: { level: before.level, override: before.override?.level ?? null }, after: { level: data.level, expiresAt: data.expiresAt ?? null }, note: data.note },
        now,
        t,
      );
    });
    return this.get(buyerId);
  }

  async clear(actor: DeskActor, buyerId: number, input: unknown): Promise<BuyerCredit> {
    const data = parseInput(clearInput, input);
    const before = await this.get(buyerId);
    const now = this.deps.clock.now();
    await this.deps.db.transaction(async (t) => {
      const current = await activeOverride(buyerId, now, t);
      if (!current) throw new DomainError('NOT_FOUND', 'The buyer has no override in force', { kind: 'override', buyerId });
      await current.update({ clearedAt: now, clearedBy: actor.id, clearNote: data.note }, { transaction: t });
      await audit(actor, { area: 'credit', action: 'credit.clear', subject: `buyer:${buyerId}`, before: { level: before.level, override: current.level }, after: { level: before.computedLevel }, note: data.note }, now, t);
    });
    return this.get(buyerId);
  }
}
