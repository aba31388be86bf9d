// The desk's services over one Domain; stateless apart from the domain, so the namespace, the REST routes and
// the timer job may each build their own.
import { AgentService } from '../models/agent-service';
import { CannedService } from '../models/canned-service';
import { HandoffService } from '../models/handoff-service';
import { HandoffTimers } from '../models/handoff-timers';
import type { DeskContext } from './context';

export interface DeskServices {
  agents: AgentService;
  handoffs: HandoffService;
  timers: HandoffTimers;
  canned: CannedService;
}

export function deskServices({ domain, config }: DeskContext): DeskServices {
  const handoffs = new HandoffService({ db: domain.db, clock: domain.clock, events: domain.events, timings: config.desk.timings });
  return { agents: new AgentService({ clock: domain.clock }), handoffs, timers: new HandoffTimers(handoffs), canned: new CannedService() };
}
