// The desk bench's actors, speaking only the documented protocols: buyers on /widget (bot/README.md) who chat with
// the bot and at one moment ask for a human, and agents on /desk (desk/README.md) who, like a busy team, all
// claim every new handoff the moment it arrives.
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';

/** Questions the bot answers itself (no handoff, nothing destructive). */
const CHATTER = ['你好', '我的订单到哪了', '退款什么时候到账', '卡密怎么用', '谢谢', 'where is my order'];
export const ASK_FOR_HUMAN = '转人工';

const now = (): number => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Connects with `make`'s listeners already attached: the server may emit in the same packet burst as the connect. */
function connect<T>(url: string, auth: Record<string, string>, make: (socket: Socket) => T): Promise<T> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, autoConnect: false });
  const made = make(socket);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(made));
    socket.once('connect_error', (err: Error) => reject(err));
    socket.connect();
  });
}

export class ChattingBuyer {
  conversationId: number | null = null;
  chatterSent = 0;
  chatterAnswered = 0;
  errors: string[] = [];
  /** When the buyer sent "转人工" (performance.now()). */
  askedAt: number | null = null;
  private replied = new Set<number>();
  private waiting: { id: number | null; resolve: () => void } | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('conversation:update', (u: { conversationId: number }) => (this.conversationId ??= u.conversationId));
    socket.on('message', (m: { role: string; replyTo: number | null }) => {
      if (m.role !== 'bot' || m.replyTo === null) return;
      this.replied.add(m.replyTo);
      if (this.waiting && this.waiting.id === m.replyTo) this.waiting.resolve();
    });
  }

  static async connect(base: string, token: string): Promise<ChattingBuyer> {
    const buyer = await connect(`${base}/widget`, { token }, (socket) => new ChattingBuyer(socket));
    const deadline = now() + 5_000;
    while (buyer.conversationId === null && now() < deadline) await sleep(10);
    if (buyer.conversationId === null) throw new Error('no conversation:update after connecting');
    return buyer;
  }

  private async send(text: string): Promise<number | null> {
    try {
      const ack = await this.socket.timeout(10_000).emitWithAck('message', { clientMsgId: randomUUID(), text });
      if (ack.ok) return ack.message.id as number;
      this.errors.push(`${ack.error.code}: ${ack.error.message}`);
    } catch (err) {
      this.errors.push(`no ack: ${(err as Error).message}`);
    }
    return null;
  }

  /** One chatter message, waiting (bounded) for the bot's answer so the next move never overlaps a turn. */
  async chat(i: number): Promise<void> {
    this.chatterSent++;
    const answered = new Promise<void>((resolve) => (this.waiting = { id: null, resolve }));
    const id = await this.send(CHATTER[i % CHATTER.length]!);
    if (id === null) return;
    if (this.replied.has(id)) this.waiting!.resolve();
    else this.waiting!.id = id;
    const ok = await Promise.race([answered.then(() => true), sleep(5_000).then(() => false)]);
    this.waiting = null;
    if (ok) this.chatterAnswered++;
  }

  async askForHuman(): Promise<void> {
    this.askedAt = now();
    await this.send(ASK_FOR_HUMAN);
  }

  close(): void {
    this.socket.close();
  }
}

export interface ClaimOutcome {
  agentId: number;
  ok: boolean;
  code: string | null;
}

/** Every agent: arrival time of each handoff:new (with orders) by conversation, and its claim's outcome. */
export class ClaimingAgent {
  readonly arrivals = new Map<number, { at: number; handoffId: number; orders: number }>();
  readonly claims = new Map<number, ClaimOutcome>();
  private inflight: Promise<void>[] = [];

  private constructor(
    readonly agentId: number,
    readonly socket: Socket,
  ) {
    socket.on('handoff:new', (view: { handoffId: number; conversationId: number; orders: unknown[] }) => {
      const at = now();
      if (!this.arrivals.has(view.conversationId)) this.arrivals.set(view.conversationId, { at, handoffId: view.handoffId, orders: view.orders.length });
      this.inflight.push(this.claim(view.handoffId));
    });
  }

  static async connect(base: string, email: string, password: string): Promise<ClaimingAgent> {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
    if (!res.ok) throw new Error(`login ${email}: ${res.status} ${await res.text()}`);
    const { token, agent } = (await res.json()) as { token: string; agent: { id: number } };
    return connect(`${base}/desk`, { token }, (socket) => new ClaimingAgent(agent.id, socket));
  }

  private async claim(handoffId: number): Promise<void> {
    try {
      const ack = await this.socket.timeout(15_000).emitWithAck('handoff:claim', { handoffId });
      this.claims.set(handoffId, { agentId: this.agentId, ok: ack.ok, code: ack.ok ? null : ack.error.code });
    } catch {
      this.claims.set(handoffId, { agentId: this.agentId, ok: false, code: 'NO_ACK' });
    }
  }

  settled(): Promise<unknown> {
    return Promise.all(this.inflight);
  }

  close(): void {
    this.socket.close();
  }
}
