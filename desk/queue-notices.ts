// Tells queued buyers where they stand: position, an estimated wait and whether anyone is there to answer. Agents
// online are the distinct agents with a `/desk` socket on any node (fetchSockets goes through the adapter).
import type { Namespace } from 'socket.io';
import type { Domain } from '../models';
import { withinHours } from './business-hours';
import type { DeskConfig } from './context';
import { onlineAgentIds } from './roster';
import type { DeskServices } from './services';

export async function deskOpen(nsp: Namespace, domain: Domain, config: DeskConfig): Promise<{ open: boolean; online: number }> {
  const online = (await onlineAgentIds(nsp)).size;
  return { open: online > 0 && withinHours(config.businessHours, domain.clock.now()), online };
}

export async function publishQueue(nsp: Namespace, domain: Domain, config: DeskConfig, services: DeskServices): Promise<void> {
  const [queue, { open, online }, meanMs] = await Promise.all([services.handoffs.queue(), deskOpen(nsp, domain, config), services.handoffs.meanHandlingMs()]);
  queue.forEach((h, i) => {
    const position = i + 1;
    domain.events.publish('conversation.queue', {
      conversationId: h.conversationId,
      buyerId: h.buyerId,
      position,
      estimatedWaitSeconds: Math.round((position * meanMs) / Math.max(1, online) / 1000),
      agentsOnline: online,
      open,
    });
  });
}
