// The desk's link to the /desk namespace. The session cookie authenticates the socket; socket.io reconnects on
// its own and the server answers every (re)connection with a fresh `queue:snapshot`, so nothing is re-fetched
// by hand except the open conversation (its transcript may have grown meanwhile).
import { io, type Socket } from 'socket.io-client';
import type { DeskEvent } from '../desk-state';
import {
  ackSchema,
  breachSchema,
  handoffStateSchema,
  handoffViewSchema,
  messageEventSchema,
  noteEventSchema,
  orderEventSchema,
  snapshotSchema,
  type DeskError,
} from '../protocol';

const ACK_TIMEOUT_MS = 8_000;

export type Reply = { ok: true; data: Record<string, unknown> } | { ok: false; error: DeskError };

export interface DeskConnection {
  /** One event with its acknowledgement; a timeout or a dropped connection is `TIMEOUT`. */
  request(event: string, payload: Record<string, unknown>): Promise<Reply>;
  /** Resends until acknowledged (the server answers a repeated clientMsgId once), for what must not be lost. */
  deliver(event: string, payload: Record<string, unknown>): Promise<Reply>;
  close(): void;
}

export interface ConnectionHooks {
  dispatch(e: DeskEvent): void;
  /** Runs after every (re)connection's snapshot: the page refreshes the open conversation. */
  resynced(): void;
  /** The session ended (logout elsewhere, expiry): back to the sign-in page. */
  signedOut(): void;
}

export function connectDesk(hooks: ConnectionHooks): DeskConnection {
  const { dispatch } = hooks;
  const socket: Socket = io('/desk', { transports: ['websocket', 'polling'], withCredentials: true });
  let closed = false;

  const on = <T>(event: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, handle: (data: T) => void) =>
    socket.on(event, (raw: unknown) => {
      const parsed = schema.safeParse(raw);
      if (parsed.success) handle(parsed.data);
    });

  socket.on('connect', () => dispatch({ type: 'connection', connection: 'online' }));
  socket.on('disconnect', (reason) => {
    dispatch({ type: 'connection', connection: 'offline' });
    // socket.io retries by itself except after a server-side disconnect (a restart, a node leaving): retry too; a
    // dead session is refused at the handshake and ends in signedOut.
    if (reason === 'io server disconnect' && !closed) socket.connect();
  });
  socket.on('connect_error', (err: Error & { data?: { code?: string } }) => {
    const code = err.data?.code ?? err.message;
    if (/^AUTH_/.test(code)) {
      socket.disconnect();
      hooks.signedOut();
    } else dispatch({ type: 'connection', connection: 'offline' });
  });
  on('queue:snapshot', snapshotSchema, (s) => {
    dispatch({ type: 'snapshot', handoffs: s.handoffs, me: s.agent });
    hooks.resynced();
  });
  on('handoff:new', handoffViewSchema, (h) => dispatch({ type: 'view', handoff: h }));
  on('handoff:assigned', handoffViewSchema, (h) => dispatch({ type: 'view', handoff: h }));
  on('handoff:update', handoffStateSchema, (s) => dispatch({ type: 'state', state: s }));
  on('message', messageEventSchema, (m) => dispatch({ type: 'message', handoffId: m.handoffId, message: m.message }));
  on('note', noteEventSchema, (n) => dispatch({ type: 'note', handoffId: n.handoffId, note: n.note }));
  on('order:update', orderEventSchema, (o) => dispatch({ type: 'order', handoffId: o.handoffId, order: o.order }));
  on('sla:breach', breachSchema, (alert) => dispatch({ type: 'alert', alert }));

  async function request(event: string, payload: Record<string, unknown>): Promise<Reply> {
    let raw: unknown;
    try {
      raw = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    } catch {
      return { ok: false, error: { code: 'TIMEOUT', message: 'no answer from the server' } };
    }
    const ack = ackSchema.safeParse(raw);
    if (!ack.success) return { ok: false, error: { code: 'BAD_ACK', message: 'unexpected acknowledgement' } };
    return ack.data.ok ? { ok: true, data: ack.data } : { ok: false, error: ack.data.error };
  }

  async function deliver(event: string, payload: Record<string, unknown>): Promise<Reply> {
    for (;;) {
      const reply = await request(event, payload);
      if (reply.ok || reply.error.code !== 'TIMEOUT' || closed) return reply;
      // Offline: wait for the connection to come back, then resend the same payload.
      if (!socket.connected) await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    }
  }

  return {
    request,
    deliver,
    close: () => {
      closed = true;
      socket.close();
    },
  };
}
