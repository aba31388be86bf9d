// Desk test helpers over the widget harness: agent accounts, desk sockets that record what they receive, and
// handoffs created the way the bot creates them (a committed turn, then `handoff.created`).
import { io, Socket } from 'socket.io-client';
import { AgentService } from '../../models/agent-service';
import { ConversationService } from '../../models/conversation-service';
import type { Agent } from '../../models';
import { Harness } from '../bot/widget-harness';
import { SocketSide } from '../helpers/socket-side';

let seq = 0;

export async function makeAgent(h: Harness, role: 'agent' | 'supervisor' = 'agent', maxChats = 5): Promise<{ agent: Agent; email: string; password: string }> {
  seq += 1;
  const email = `${role}${seq}-${Date.now()}@desk.test`;
  const password = 'correct horse 1';
  const { agent } = await new AgentService({ clock: h.d.clock }).ensure({ email, name: `${role}-${seq}`, role, password, maxChats });
  return { agent, email, password };
}

export async function login(h: Harness, email: string, password: string): Promise<{ status: number; body: any; cookie: string | null }> {
  const res = await fetch(`${h.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  return { status: res.status, body: (await res.json()) as any, cookie: res.headers.get('set-cookie') };
}

export async function tokenOf(h: Harness, role: 'agent' | 'supervisor' = 'agent', maxChats = 5) {
  const a = await makeAgent(h, role, maxChats);
  const { body } = await login(h, a.email, a.password);
  return { ...a, token: body.token as string };
}

export class Deskside extends SocketSide {
  readonly events: Array<{ event: string; data: any }> = [];

  constructor(socket: Socket) {
    super(socket);
    socket.onAny((event: string, data: unknown) => {
      this.events.push({ event, data });
      this.received();
    });
  }

  protected seen(): string {
    return this.events.map((r) => r.event).join(', ');
  }

  static connect(h: Harness, token: string | undefined): Promise<Deskside> {
    const socket = io(`${h.url}/desk`, { auth: { token }, transports: ['websocket'], reconnection: false });
    const side = new Deskside(socket);
    return new Promise((resolve, reject) => {
      // The server joins the agent's rooms and then sends the snapshot: only then is the desk fully connected.
      socket.once('queue:snapshot', () => resolve(side));
      socket.once('connect_error', (err: Error & { data?: unknown }) => reject(err));
    });
  }

  of(event: string): any[] {
    return this.events.filter((r) => r.event === event).map((r) => r.data);
  }

  close(): void {
    this.socket.close();
  }
}

/** A queued handoff as the bot makes one: the turn commits it, then the widget announces it. */
export async function queueHandoff(h: Harness, buyerId: number, opts: { orderId?: number | null; reason?: 'human_intent' | 'not_cancellable' } = {}) {
  const conversations = new ConversationService({ db: h.d.db, clock: h.d.clock });
  const conversation = await conversations.current(buyerId);
  const reason = opts.reason ?? 'human_intent';
  const commit = await conversations.commitTurn(conversation.id, {
    version: conversation.version,
    state: { status: 'queued' },
    messages: [{ role: 'bot', type: 'text', payload: { text: '正在为您转接人工客服' } }],
    handoff: {
      reason,
      intent: 'card_invalid',
      orderId: opts.orderId ?? null,
      priority: 2,
      summary: { intent: 'card_invalid', orderNo: null, reason, detail: 'test', botActions: [], lastBuyerText: '人工' },
    },
  });
  h.d.events.publish('handoff.created', { handoffId: commit.handoff!.id, conversationId: conversation.id, buyerId });
  return { handoff: commit.handoff!, conversation };
}

/** Polls `check` until it holds (for events a recorder does not wake on). */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
