// Who gets the next handoff under round-robin auto-assignment (DESK_AUTO_ASSIGN): among the online agents
// (role `agent`) with room under their cap, the one whose last assignment is oldest; never assigned comes first;
// ties (same instant) go to the lighter load, then the lower id.
// The last assignment is read from the handoffs themselves (latest `claimed_at` per holder, closed ones included),
// so the rotation lives in the database and is the same on every node.
import { col, fn, Op, Transaction } from 'sequelize';
import { Agent, Handoff } from './tables';

/**
 * Locks the candidates' rows (PostgreSQL; SQLite serialises transactions anyway) in id order, so concurrent
 * assignments queue up behind each other instead of all picking the same agent; a manual claim locks one of
 * these rows too (capacity check), so it cannot squeeze a chat past the cap either.
 */
export async function pickAssignee(t: Transaction, online: number[], countHeld: () => Promise<Map<string, number>>): Promise<Agent | null> {
  if (online.length === 0) return null;
  const agents = await Agent.findAll({ where: { id: { [Op.in]: online }, role: 'agent' }, order: [['id', 'ASC']], lock: t.LOCK.UPDATE, transaction: t });
  // Counted after the locks: what a concurrent assignment committed meanwhile is seen.
  const held = await countHeld();
  const free = agents.filter((a) => (held.get(String(a.id)) ?? 0) < a.maxChats);
  if (free.length === 0) return null;
  const rows = (await Handoff.findAll({
    attributes: ['claimedBy', [fn('MAX', col('claimed_at')), 'last']],
    where: { claimedBy: { [Op.in]: free.map((a) => String(a.id)) } },
    group: [col('claimed_by')],
    raw: true,
    transaction: t,
  })) as unknown as Array<{ claimedBy: string; last: string | Date | null }>;
  const last = new Map(rows.map((r) => [r.claimedBy, r.last ? new Date(r.last).getTime() : 0]));
  // Assignments within the same millisecond tie on time: the lighter load, then the lower id, goes first.
  const key = (a: Agent) => [last.get(String(a.id)) ?? 0, held.get(String(a.id)) ?? 0, a.id] as const;
  const before = (a: Agent, b: Agent) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  };
  return free.reduce((best, a) => (before(a, best) < 0 ? a : best));
}
