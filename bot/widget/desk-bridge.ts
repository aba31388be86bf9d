// What the live-agent desk does in a conversation reaches the buyer through domain events (bot/ never imports
// desk/): agent and system messages, agent typing, status changes (agent joined / left, closed → CSAT) and the
// queue position. The node that made the change publishes; the room emit reaches the buyer on any node.
import type { Namespace } from 'socket.io';
import type { DomainEventBus } from '../../models/events';
import { conversationRoom } from './rooms';

export function forwardDeskEvents(nsp: Namespace, events: DomainEventBus): () => void {
  const room = (conversationId: number) => nsp.to(conversationRoom(conversationId));
  const off = [
    events.subscribe('conversation.message', (e) => {
      // Buyer messages reach the buyer's other tabs from the socket that sent them.
      if (e.message.role !== 'buyer') room(e.conversationId).emit('message', e.message);
    }),
    events.subscribe('conversation.status', (e) =>
      room(e.conversationId).emit('conversation:update', { conversationId: e.conversationId, status: e.status, agentName: e.agentName, ...(e.csat ? { csat: true } : {}) }),
    ),
    events.subscribe('conversation.typing', (e) => room(e.conversationId).emit('typing', { role: e.role, typing: e.typing })),
    events.subscribe('conversation.queue', (e) =>
      room(e.conversationId).emit('queue:update', {
        conversationId: e.conversationId,
        position: e.position,
        estimatedWaitSeconds: e.estimatedWaitSeconds,
        agentsOnline: e.agentsOnline,
        open: e.open,
      }),
    ),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}
