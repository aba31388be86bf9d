// Delivers outbox rows to the store's webhook URL: claimed in batches so that several server nodes never send
// the same row at once, signed, retried with exponential backoff and jitter, and every attempt recorded.
import { Attributes, Op, QueryTypes } from 'sequelize';
import type { Clock } from '../../models/clock';
import type { Database } from '../../models/db';
import { OutboxMessage } from '../../models';
import type { Logger } from '../logger';
import { signPayload } from './signing';

export interface DispatcherOptions {
  db: Database;
  clock: Clock;
  url: string;
  secret: string;
  logger?: Logger;
  batchSize?: number;
  timeoutMs?: number;
  /** After this many attempts a row is `failed` and left for an operator. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Jitter source in [0, 1); tests pin it. */
  random?: () => number;
}

export interface DispatchReport {
  claimed: number;
  delivered: number;
  retrying: number;
  failed: number;
}

type Result = { ok: true } | { ok: false; error: string };

/** A claimed row stays invisible to other nodes this long past the send timeout, then counts as abandoned. */
const LEASE_MARGIN_MS = 30_000;
const ERROR_SNIPPET = 300;

export class WebhookDispatcher {
  private readonly batchSize: number;
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly random: () => number;

  constructor(private readonly o: DispatcherOptions) {
    this.batchSize = o.batchSize ?? 20;
    this.timeoutMs = o.timeoutMs ?? 10_000;
    this.maxAttempts = o.maxAttempts ?? 12;
    this.backoffBaseMs = o.backoffBaseMs ?? 10_000;
    this.backoffMaxMs = o.backoffMaxMs ?? 3_600_000;
    this.random = o.random ?? Math.random;
  }

  /** Sends one batch of due rows; the rows are sent concurrently, so order across rows is not guaranteed. */
  async runOnce(): Promise<DispatchReport> {
    const claimed = await this.claim();
    const outcomes = await Promise.all(claimed.map(async (row) => this.settle(row, await this.send(row))));
    const count = (s: string) => outcomes.filter((x) => x === s).length;
    return { claimed: claimed.length, delivered: count('delivered'), retrying: count('pending'), failed: count('failed') };
  }

  /** Runs batches until nothing is due (or `maxBatches`, so one job run cannot starve the others). */
  async drain(maxBatches = 10): Promise<DispatchReport> {
    const total: DispatchReport = { claimed: 0, delivered: 0, retrying: 0, failed: 0 };
    for (let i = 0; i < maxBatches; i += 1) {
      const r = await this.runOnce();
      total.claimed += r.claimed;
      total.delivered += r.delivered;
      total.retrying += r.retrying;
      total.failed += r.failed;
      if (r.claimed < this.batchSize) break;
    }
    return total;
  }

  /** The delay before attempt `attempts + 1`: doubling from the base, capped, with "equal jitter". */
  backoffMs(attempts: number): number {
    const ceiling = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * this.random());
  }

  /**
   * Takes due rows and pushes their next attempt past a lease, counting the attempt, in one transaction.
   * PostgreSQL: FOR UPDATE SKIP LOCKED lets nodes claim disjoint rows without waiting on each other.
   * SQLite: the transaction is BEGIN IMMEDIATE, so one writer at a time runs the select-then-update.
   */
  private async claim(): Promise<OutboxMessage[]> {
    const { db, clock } = this.o;
    const due = () => ({ status: 'pending' as const, nextAttemptAt: { [Op.lte]: clock.now() } });
    // A plain read first: polling an empty outbox every second must not take SQLite's write lock.
    if (!(await OutboxMessage.findOne({ where: due(), attributes: ['id'] }))) return [];
    return db.transaction(async (t) => {
      const now = clock.now();
      const rows = await OutboxMessage.findAll({
        where: due(),
        order: [
          ['nextAttemptAt', 'ASC'],
          ['id', 'ASC'],
        ],
        limit: this.batchSize,
        transaction: t,
        ...(db.dialect === 'postgres' ? { lock: t.LOCK.UPDATE, skipLocked: true } : {}),
      });
      if (rows.length === 0) return [];
      await db.sequelize.query(
        `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :lease, updated_at = :now WHERE id IN (:ids)`,
        {
          transaction: t,
          type: QueryTypes.UPDATE,
          replacements: { ids: rows.map((r) => r.id), now, lease: new Date(now.getTime() + this.timeoutMs + LEASE_MARGIN_MS) },
        },
      );
      for (const row of rows) row.attempts += 1;
      return rows;
    });
  }

  private async send(row: OutboxMessage): Promise<Result> {
    const body = JSON.stringify({ id: row.id, type: row.eventType, createdAt: new Date(row.createdAt).toISOString(), data: row.payload });
    const timestamp = Math.floor(this.o.clock.now().getTime() / 1000);
    try {
      const res = await fetch(this.o.url, {
        method: 'POST',
        // A redirect would hand a signed payload to a URL the store never configured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'KaDesk-Webhooks/1',
          'X-KaDesk-Event': row.eventType,
          'X-KaDesk-Delivery': String(row.id),
          'X-KaDesk-Timestamp': String(timestamp),
          'X-KaDesk-Signature': signPayload(this.o.secret, timestamp, body),
        },
        body,
      });
      const text = await res.text();
      return res.ok ? { ok: true } : { ok: false, error: `HTTP ${res.status}: ${text.slice(0, ERROR_SNIPPET)}` };
    } catch (err) {
      return { ok: false, error: describeFailure(err, this.timeoutMs) };
    }
  }

  /** Records the attempt, only if this node still holds the claim (same attempt count, still pending). */
  private async settle(row: OutboxMessage, result: Result): Promise<'delivered' | 'pending' | 'failed'> {
    const now = this.o.clock.now();
    const status = result.ok ? 'delivered' : row.attempts >= this.maxAttempts ? 'failed' : 'pending';
    const changes: Partial<Attributes<OutboxMessage>> = result.ok
      ? { status, deliveredAt: now, lastError: null }
      : { status, lastError: result.error, nextAttemptAt: new Date(now.getTime() + this.backoffMs(row.attempts)) };
    await this.o.db.transaction((t) =>
      OutboxMessage.update(changes, { where: { id: row.id, status: 'pending', attempts: row.attempts }, transaction: t }),
    );
    if (!result.ok) this.o.logger?.warn({ outboxId: row.id, event: row.eventType, attempts: row.attempts, status, error: result.error }, 'webhook delivery failed');
    return status;
  }
}

/** Duck-typed: fetch's errors (DOMException, undici's TypeError with a cause) do not share one Error class. */
function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } } | null;
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `timeout after ${timeoutMs} ms`;
  const cause = e?.cause ? `: ${e.cause.code ?? e.cause.message}` : '';
  return `${e?.message ?? String(err)}${cause}`.slice(0, ERROR_SNIPPET);
}
