// The audit of supervisor changes (utterances, inbox, models, threshold, credit overrides): one row per change,
// written in the change's own transaction so a change and its audit row exist together or not at all.
import { Op, Transaction } from 'sequelize';
import { z } from 'zod';
import { AUDIT_AREAS, AuditArea, SupervisorAudit } from './tables/supervisor-audit';
import { parseInput } from './validate';

/** The desk account acting (a supervisor, or an agent re-labelling a message). */
export interface DeskActor {
  id: number;
  name: string;
}

export interface AuditEntry {
  area: AuditArea;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
  note?: string | null;
}

export function audit(actor: DeskActor | null, entry: AuditEntry, now: Date, transaction?: Transaction): Promise<SupervisorAudit> {
  return SupervisorAudit.create(
    {
      area: entry.area,
      action: entry.action,
      subject: entry.subject,
      actorId: actor?.id ?? null,
      actorName: actor?.name ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      note: entry.note ?? null,
      createdAt: now,
    },
    { transaction },
  );
}

export const auditQuery = z
  .object({
    area: z.enum(AUDIT_AREAS).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional(),
  })
  .strict();

export interface AuditView {
  id: number;
  area: AuditArea;
  action: string;
  subject: string;
  actorId: number | null;
  actorName: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
  createdAt: string;
}

export const auditView = (a: SupervisorAudit): AuditView => ({
  id: a.id,
  area: a.area,
  action: a.action,
  subject: a.subject,
  actorId: a.actorId,
  actorName: a.actorName,
  before: a.before,
  after: a.after,
  note: a.note,
  createdAt: new Date(a.createdAt).toISOString(),
});

/** Newest first, paged by id. */
export async function listAudit(query: unknown): Promise<AuditView[]> {
  const q = parseInput(auditQuery, query);
  const rows = await SupervisorAudit.findAll({
    where: { ...(q.area ? { area: q.area } : {}), ...(q.before ? { id: { [Op.lt]: q.before } } : {}) },
    order: [['id', 'DESC']],
    limit: q.limit,
  });
  return rows.map(auditView);
}
