// A stored conversation message as both Socket.IO namespaces send it (buyers' widget and agents' desk).
import type { StoredMessage } from './events';
import type { ConversationMessage } from './tables';

export const wireOf = (m: ConversationMessage): StoredMessage => ({
  id: m.id,
  conversationId: m.conversationId,
  role: m.role,
  type: m.type,
  payload: m.payload,
  createdAt: new Date(m.createdAt).toISOString(),
  replyTo: m.replyTo,
});
