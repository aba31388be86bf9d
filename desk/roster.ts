// Who a conversation can go to: every account with its role, whether it has a `/desk` socket on any node right
// now (fetchSockets goes through the adapter) and how many chats it holds against its cap. Any agent may read
// it — a transfer needs it — but it carries no emails.
import type { Namespace } from 'socket.io';
import { Agent } from '../models';
import type { HandoffService } from '../models/handoff-service';
import type { DeskSocketData } from './auth';
import { AGENTS } from './rooms';

export interface RosterEntry {
  id: number;
  name: string;
  role: Agent['role'];
  online: boolean;
  held: number;
  maxChats: number;
}

export async function onlineAgentIds(nsp: Namespace): Promise<Set<number>> {
  const sockets = await nsp.in(AGENTS).fetchSockets();
  return new Set(sockets.map((s) => (s.data as DeskSocketData).agentId));
}

/** Online first, then the least loaded, then by name. */
export async function roster(nsp: Namespace, handoffs: HandoffService): Promise<RosterEntry[]> {
  const [agents, online, held] = await Promise.all([
    Agent.findAll({ attributes: ['id', 'name', 'role', 'maxChats'], order: [['id', 'ASC']] }),
    onlineAgentIds(nsp),
    handoffs.heldCounts(),
  ]);
  const entries = agents.map((a) => ({ id: a.id, name: a.name, role: a.role, online: online.has(a.id), held: held.get(String(a.id)) ?? 0, maxChats: a.maxChats }));
  return entries.sort((a, b) => Number(b.online) - Number(a.online) || a.held / a.maxChats - b.held / b.maxChats || a.name.localeCompare(b.name));
}
