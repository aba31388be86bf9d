// A real KaDesk server (port 0) on a fresh test database, and a socket.io-client buyer speaking the widget
// protocol. The NLU is the real classifier, trained once per jest worker into a temp directory.
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { io, Socket } from 'socket.io-client';
import { Buyer, CardKey, DomainOptions, Product } from '../../models';
import { createServer, KadeskServer } from '../../server/app';
import { Config, loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';
import { SocketSide } from '../helpers/socket-side';

process.env.KADESK_MODEL_DIR = path.join(os.tmpdir(), `kadesk-test-models-${process.env.JEST_WORKER_ID ?? '0'}`);

export interface WireMessage {
  id: number;
  conversationId: number;
  role: string;
  type: string;
  payload: Record<string, any>;
  createdAt: string;
  replyTo: number | null;
}

export interface Harness {
  d: TestDomain;
  config: Config;
  server: KadeskServer;
  url: string;
  close(): Promise<void>;
}

export async function startHarness(dialect: 'sqlite' | 'postgres', env: Record<string, string> = {}, domain: Partial<DomainOptions> = {}): Promise<Harness> {
  const d = await openTestDomain(dialect, domain);
  const config = loadConfig({ NODE_ENV: 'test', KADESK_DEMO: '1', WIDGET_RATE_POINTS: '50', ...env });
  const server = createServer({ config, domain: d, logger: createLogger('silent') });
  // The NLU loads (on a fresh machine: trains, seconds, in this thread) here, under the hook's timeout, not
  // inside the first message's acknowledgement timeout.
  await server.warmUp();
  const port = await server.listen(0, '127.0.0.1');
  return {
    d,
    config,
    server,
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await server.close();
      await d.teardown();
    },
  };
}

export const tokenFor = (config: Config, sub: string, opts: { expiresIn?: number; secret?: string } = {}) =>
  jwt.sign({ sub, name: '小王' }, opts.secret ?? config.widgetSecret, { algorithm: 'HS256', expiresIn: opts.expiresIn ?? 600 });

export type Ack = { ok: true; message: WireMessage; duplicate?: boolean } | { ok: false; error: { code: string; message: string } };

export class Buyerside extends SocketSide {
  readonly messages: WireMessage[] = [];
  readonly orderUpdates: any[] = [];
  readonly conversationUpdates: any[] = [];
  readonly typing: boolean[] = [];

  constructor(socket: Socket) {
    super(socket);
    socket.on('message', (m: WireMessage) => this.push(() => this.messages.push(m)));
    socket.on('order:update', (u: unknown) => this.push(() => this.orderUpdates.push(u)));
    socket.on('conversation:update', (u: unknown) => this.push(() => this.conversationUpdates.push(u)));
    socket.on('typing', (t: { typing: boolean }) => this.push(() => this.typing.push(t.typing)));
  }

  private push(apply: () => void): void {
    apply();
    this.received();
  }

  protected seen(): string {
    return JSON.stringify(this.messages.slice(-5));
  }

  static connect(h: Harness, token: string | undefined, lang?: 'zh' | 'en'): Promise<Buyerside> {
    const socket = io(`${h.url}/widget`, { auth: { token, lang }, transports: ['websocket'], reconnection: false });
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve(new Buyerside(socket)));
      socket.once('connect_error', (err: Error & { data?: unknown }) => reject(err));
    });
  }

  /**
   * Sends and waits for the bot's turn to end; returns the ack and the bot replies to this message. A quick turn
   * sends no typing indicator; its replies go out back to back before the server reads the next request, so once
   * the first has arrived, a `sync` round trip has the rest arrive before its ack.
   */
  async turn(payload: Record<string, unknown>): Promise<{ ack: Ack; replies: WireMessage[] }> {
    const ack: Ack = await this.emit('message', { clientMsgId: randomUUID(), ...payload });
    if (!ack.ok) return { ack, replies: [] };
    const repliesNow = () => this.messages.filter((m) => m.replyTo === ack.message.id);
    await this.until(() => repliesNow().length > 0, 'the bot to answer');
    const sync = await this.emit('sync', { afterId: ack.message.id });
    if (!sync.ok) throw new Error(`sync failed: ${JSON.stringify(sync.error)}`);
    return { ack, replies: repliesNow() };
  }

  say(text: string) {
    return this.turn({ text });
  }

  /** Presses the button whose label matches on a reply (choice option, card or carousel action). */
  press(replies: WireMessage[], label: string | RegExp) {
    const buttons = replies.flatMap((m) => [
      ...(m.payload.options ?? []),
      ...(m.payload.actions ?? []),
      ...(m.payload.items ?? []).flatMap((i: any) => i.actions),
    ]) as Array<{ label: string; value: string; action?: string }>;
    const match = buttons.find((b) => (typeof label === 'string' ? b.label === label : label.test(b.label)) && b.action !== 'url');
    if (!match) throw new Error(`no button ${label} among ${buttons.map((b) => b.label).join(', ')}`);
    return this.turn({ postback: { value: match.value, label: match.label } });
  }

  close(): void {
    this.socket.close();
  }
}

export const textOf = (replies: WireMessage[]): string =>
  replies.map((m) => m.payload.text ?? m.payload.title ?? (m.payload.items ?? []).map((i: any) => `${i.title} ${i.subtitle ?? ''}`).join(' | ')).join('\n');

/** A buyer with a catalog of two products of one brand (100元 and 50元), both in stock. */
export async function buyerWithCatalog(opts: { keys?: number; priceCents?: number } = {}) {
  const c = await makeCatalog({ keys: opts.keys ?? 5, priceCents: opts.priceCents });
  const other = await Product.create({
    sku: `QB50-${c.product.id}`,
    merchantId: c.merchant.id,
    type: 'game_card',
    brand: c.product.brand,
    name: '腾讯Q币 50元',
    faceValueCents: 5_000,
    priceCents: 4_900,
    platform: 'QQ',
    region: null,
    operator: null,
    validityDays: 365,
    deliveryMinutes: 5,
    faq: [],
    aliases: [],
  });
  await CardKey.bulkCreate(
    Array.from({ length: 3 }, (_, i) => ({ productId: other.id, serial: `S50-${other.id}-${i}`, secret: `K50x${other.id}x${i}zz`, status: 'available' as const, orderId: null, reservedAt: null, deliveredAt: null, revealedAt: null })),
  );
  return { ...c, other };
}

export const buyerActor = (b: Buyer) => ({ type: 'buyer' as const, id: b.externalId });
export const gateway = { type: 'merchant' as const, id: 'gateway' };
