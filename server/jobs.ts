// Periodic work. Each job is idempotent and transactional, so several server nodes may run it side by side.
import type { ServerContext } from './app';

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
  const specs: JobSpec[] = [{ name: 'expire-unpaid', everyMs: 30_000, run: () => ctx.domain.orders.expireUnpaid() }, ...extra];
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
