// A fleet of buyers speaking the documented widget protocol (bot/README.md) to a running server: connect with a
// token, send `message` {clientMsgId, text} with an ack, and time each send until the first bot `message` whose
// replyTo is the acked message's id. Open loop: sends follow the schedule whether or not replies keep up.
import { randomUUID } from 'node:crypto';
import { io, Socket } from 'socket.io-client';

/** Questions the bot answers itself without a handoff or a destructive action, so every message gets a reply. */
const TEXTS = ['你好', '我的订单到哪了', '退款什么时候到账', '卡密怎么用', '能取消订单吗', '谢谢', 'where is my order', 'how do I redeem the card'];

interface Sent {
  buyer: WidgetBuyer;
  sentAt: number;
  ackedId?: number;
  repliedAt?: number;
}

export interface StepResult {
  /** Messages per second asked of the whole fleet. */
  targetRate: number;
  sent: number;
  acked: number;
  replied: number;
  errors: string[];
  /** Send → first bot reply, ms, for every replied message. */
  latenciesMs: number[];
  /** Bot messages received per acked buyer message id (a turn may say several things, once). */
  repliesById: Map<number, number>;
  /** The slowest send → reply of each second of the step (by send time), ms: shows whether slowness is a burst. */
  slowestBySecond: number[];
}

const now = (): number => performance.now();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WidgetBuyer {
  private readonly byId = new Map<number, Sent>();
  private readonly early = new Map<number, number>();
  readonly repliesById = new Map<number, number>();
  private textIndex: number;

  private constructor(
    readonly socket: Socket,
    seed: number,
  ) {
    this.textIndex = seed % TEXTS.length;
    socket.on('message', (m: { role: string; replyTo: number | null }) => {
      if (m.role !== 'bot' || m.replyTo === null) return;
      this.repliesById.set(m.replyTo, (this.repliesById.get(m.replyTo) ?? 0) + 1);
      const sent = this.byId.get(m.replyTo);
      if (sent) sent.repliedAt ??= now();
      // A reply can overtake the ack's callback: keep its time until the ack names the message.
      else if (!this.early.has(m.replyTo)) this.early.set(m.replyTo, now());
    });
  }

  static connect(base: string, token: string, seed: number): Promise<WidgetBuyer> {
    const socket = io(`${base}/widget`, { auth: { token }, transports: ['websocket'], reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new WidgetBuyer(socket, seed)));
      socket.once('connect_error', (err: Error) => reject(err));
    });
  }

  /** Sends the next text; records the outcome in `step`. */
  async send(step: StepResult, record: Sent[]): Promise<void> {
    const text = TEXTS[this.textIndex++ % TEXTS.length];
    const sent: Sent = { buyer: this, sentAt: now() };
    record.push(sent);
    step.sent++;
    try {
      const ack = await this.socket.timeout(10_000).emitWithAck('message', { clientMsgId: randomUUID(), text });
      if (!ack.ok) {
        step.errors.push(`${ack.error.code}: ${ack.error.message}`);
        return;
      }
      step.acked++;
      sent.ackedId = ack.message.id as number;
      this.byId.set(sent.ackedId, sent);
      const early = this.early.get(sent.ackedId);
      if (early !== undefined) sent.repliedAt = early;
    } catch (err) {
      step.errors.push(`no ack: ${(err as Error).message}`);
    }
  }

  close(): void {
    this.socket.close();
  }
}

/**
 * Every buyer sends `perBuyerRate` messages a second for `seconds`, each at its own phase so the fleet's load is
 * even; then waits (bounded) for the last replies.
 */
export async function runStep(buyers: WidgetBuyer[], perBuyerRate: number, seconds: number, drainMs = 10_000): Promise<StepResult> {
  const step: StepResult = { targetRate: Math.round(perBuyerRate * buyers.length * 100) / 100, sent: 0, acked: 0, replied: 0, errors: [], latenciesMs: [], repliesById: new Map(), slowestBySecond: [] };
  const record: Sent[] = [];
  const interval = 1000 / perBuyerRate;
  const perBuyer = Math.max(1, Math.round(seconds * perBuyerRate));
  const start = now() + 50;
  const pending: Promise<void>[] = [];
  await Promise.all(
    buyers.map(async (buyer, i) => {
      const phase = (i / buyers.length) * interval;
      for (let k = 0; k < perBuyer; k++) {
        const due = start + phase + k * interval;
        const wait = due - now();
        if (wait > 0) await sleep(wait);
        pending.push(buyer.send(step, record));
      }
    }),
  );
  await Promise.all(pending);
  const deadline = now() + drainMs;
  while (record.some((s) => s.ackedId !== undefined && s.repliedAt === undefined) && now() < deadline) await sleep(50);
  for (const s of record) {
    if (s.ackedId !== undefined) step.repliesById.set(s.ackedId, s.buyer.repliesById.get(s.ackedId) ?? 0);
    if (s.repliedAt === undefined) continue;
    step.replied++;
    step.latenciesMs.push(s.repliedAt - s.sentAt);
    const second = Math.max(0, Math.floor((s.sentAt - start) / 1000));
    step.slowestBySecond[second] = Math.max(step.slowestBySecond[second] ?? 0, Math.round(s.repliedAt - s.sentAt));
  }
  return step;
}
