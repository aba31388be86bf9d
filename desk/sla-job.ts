// The desk's timer job: fires due SLA timers (first reply, idle holder, disconnected holder) once across nodes,
// and tells the buyer of a breached handoff that someone is coming. Registered in server/jobs.ts.
import type { DeskContext } from './context';
import { deskServices, DeskServices } from './services';
import { DESK_TEXTS } from './texts';

export const DESK_TIMERS_EVERY_MS = 5_000;

export async function runDeskTimers(services: DeskServices): Promise<number> {
  const fired = await services.timers.run();
  for (const f of fired) if (f.kind === 'first_reply') await services.handoffs.systemMessage(f.handoff.conversationId, DESK_TEXTS.breach);
  return fired.length;
}

export function deskTimersJob(ctx: DeskContext) {
  const services = deskServices(ctx);
  return { name: 'desk-timers', everyMs: DESK_TIMERS_EVERY_MS, run: () => runDeskTimers(services) };
}
