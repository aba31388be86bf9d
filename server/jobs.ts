// Periodic work. Each job is idempotent and transactional, so several server nodes may run it side by side.
import type { ServerContext } from './app';
import { WebhookDispatcher } from './webhooks/dispatcher';
import { deskTimersJob } from '../desk/sla-job';

/** Outbox rows are committed with the change; polling this often keeps webhooks within seconds of it. */
const WEBHOOK_POLL_MS = 1_000;
/** SQLite's advice for long-lived connections: PRAGMA optimize every few hours; it only analyzes what drifted. */
const STATISTICS_EVERY_MS = 3_600_000;

export interface Jobs {
  stop(): void;
  /** Resolves when no job run is in flight. */
  idle(): Promise<void>;
}

interface JobSpec {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

export function startJobs(ctx: ServerContext, extra: JobSpec[] = []): Jobs {
  const specs: JobSpec[] = [
    { name: 'expire-unpaid', everyMs: 30_000, run: () => ctx.domain.orders.expireUnpaid() },
    { name: 'planner-statistics', everyMs: STATISTICS_EVERY_MS, run: () => ctx.domain.db.optimize() },
    deskTimersJob(ctx),
    ...webhookJobs(ctx),
    ...extra,
  ];
  const running = new Set<Promise<unknown>>();
  const timers = specs.map((spec) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const p = spec
        .run()
        .catch((err) => ctx.logger.error({ err, job: spec.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
        });
      running.add(p);
    }, spec.everyMs);
    timer.unref();
    return timer;
  });
  return {
    stop: () => timers.forEach(clearInterval),
    idle: async () => {
      await Promise.allSettled([...running]);
    },
  };
}

/** Only when the store has a webhook URL; the domain must then be opened with `webhooks: true` to fill the outbox. */
function webhookJobs({ config, domain, logger }: ServerContext): JobSpec[] {
  if (!config.webhookUrl) return [];
  const dispatcher = new WebhookDispatcher({ db: domain.db, clock: domain.clock, url: config.webhookUrl, secret: config.webhookSecret, logger });
  return [{ name: 'webhooks', everyMs: WEBHOOK_POLL_MS, run: () => dispatcher.drain() }];
}
