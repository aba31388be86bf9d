// The desk account a request acts as, set by desk/auth.ts's requireAgent middleware.
import type { Response } from 'express';
import type { Agent } from '../../models';
import type { DeskActor } from '../../models/supervisor-audit';

export function actorOf(res: Response): DeskActor {
  const agent = res.locals.agent as Agent;
  return { id: agent.id, name: agent.name };
}
