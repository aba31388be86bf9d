// The widget's link to the /widget namespace: token, connect, at-least-once sends (the server de-duplicates
// by clientMsgId, so a timed-out send is simply resent) and `sync {afterId}` after every reconnect.
import { io, type Socket } from 'socket.io-client';
import { v4 as uuid } from 'uuid';
import type { ChatEvent } from '../chat-state';
import type { WidgetOptions } from '../options';
import { ackSchema, conversationUpdateSchema, orderUpdateSchema, serverMessageSchema, typingSchema, type Ack, type ConversationUpdate, type Postback, type ServerMessage } from '../protocol';

const ACK_TIMEOUT_MS = 8_000;
const SEND_ATTEMPTS = 4;

export interface Connection {
  sendText(text: string, clientMsgId?: string): Promise<boolean>;
  sendPostback(postback: Postback): Promise<boolean>;
  sendCsat(rating: number, comment: string, conversationId: string | number | null): Promise<boolean>;
  close(): void;
}

async function fetchToken(options: WidgetOptions): Promise<string> {
  if (options.token) return options.token;
  const res = await fetch(new URL(options.tokenUrl!, document.baseURI), { credentials: 'include' });
  if (!res.ok) throw new Error(`token request failed: HTTP ${res.status}`);
  const body = (await res.json()) as { token?: unknown };
  if (typeof body.token !== 'string') throw new Error('token request returned no token');
  return body.token;
}

/** Emits with an ack, resending on timeout (or a dropped connection) up to SEND_ATTEMPTS times. */
async function emitWithRetry(socket: Socket, event: string, data: unknown): Promise<Ack | null> {
  for (let attempt = 0; attempt < SEND_ATTEMPTS; attempt++) {
    try {
      const raw: unknown = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, data);
      const ack = ackSchema.safeParse(raw);
      return ack.success ? ack.data : { ok: false, error: { code: 'BAD_ACK', message: 'unexpected acknowledgement' } };
    } catch {
      // No ack in time: the same payload is resent; the server answers a repeated clientMsgId once.
    }
  }
  return null;
}

export function connect(options: WidgetOptions, dispatch: (e: ChatEvent) => void, lastId: () => string | number | null): Connection {
  let socket: Socket | null = null;
  let closed = false;
  // The server reads `lang` as zh | en for the bot's replies.
  const lang = options.lang === 'en' ? 'en' : 'zh';
  const ready = fetchToken(options).then((first) => {
    if (closed) throw new Error('closed');
    let token = first;
    let refreshed = false;
    // A function, so every reconnect presents the newest token.
    const s = io(new URL('/widget', options.server).toString(), { auth: (cb) => cb({ token, lang }), transports: ['websocket', 'polling'] });
    socket = s;
    const receive = (raw: unknown) => {
      const m = serverMessageSchema.safeParse(raw);
      if (m.success) dispatch({ type: 'messages', messages: [m.data] });
    };
    const onConversation = (c: ConversationUpdate) => {
      const agent = c.agent;
      const agentName = c.agentName ?? (typeof agent === 'string' ? agent : (agent?.name ?? null));
      dispatch({ type: 'conversation', status: c.status, agentName, conversationId: c.conversationId ?? c.id ?? null });
    };
    const sync = async () => {
      const ack = await emitWithRetry(s, 'sync', { afterId: lastId() });
      if (!ack?.ok) return;
      if (ack.messages) dispatch({ type: 'messages', messages: ack.messages });
      const c = conversationUpdateSchema.safeParse(ack.conversation);
      if (c.success) onConversation(c.data);
    };
    s.on('connect', () => {
      refreshed = false;
      dispatch({ type: 'connection', connection: 'online' });
      // Also after a recovered session: sync is cheap and the reducer drops what it already has.
      void sync();
    });
    s.on('disconnect', () => dispatch({ type: 'connection', connection: 'offline' }));
    s.on('connect_error', (err: Error & { data?: { code?: string } }) => {
      const code = err.data?.code ?? err.message;
      // Store tokens are short-lived: fetch a fresh one from the token URL and try again.
      if (code === 'AUTH_EXPIRED' && options.tokenUrl && !refreshed) {
        refreshed = true;
        fetchToken(options)
          .then((fresh) => ((token = fresh), s.connect()))
          .catch(() => dispatch({ type: 'connection', connection: 'auth_error', error: code }));
        return;
      }
      if (/^AUTH_/.test(code)) {
        dispatch({ type: 'connection', connection: 'auth_error', error: code });
        s.disconnect();
      } else dispatch({ type: 'connection', connection: 'offline', error: code });
    });
    s.on('message', receive);
    s.on('order:update', (raw: unknown) => {
      const u = orderUpdateSchema.safeParse(raw);
      if (u.success) dispatch({ type: 'order', order: 'status' in u.data ? u.data : u.data.order });
    });
    s.on('conversation:update', (raw: unknown) => {
      const c = conversationUpdateSchema.safeParse(raw);
      if (c.success) onConversation(c.data);
    });
    s.on('typing', (raw: unknown) => {
      const t = typingSchema.safeParse(raw ?? {});
      const on = t.success ? (t.data.typing ?? t.data.on ?? true) : true;
      dispatch({ type: 'typing', on });
    });
    return s;
  });
  ready.catch((err: unknown) => dispatch({ type: 'connection', connection: 'auth_error', error: String(err) }));

  const send = async (payload: Record<string, unknown> & { clientMsgId: string }, echo: string): Promise<boolean> => {
    dispatch({ type: 'sending', clientMsgId: payload.clientMsgId, text: echo });
    const ack = await ready.then((s) => emitWithRetry(s, 'message', payload)).catch(() => null);
    if (ack?.ok) {
      dispatch({ type: 'sent', clientMsgId: payload.clientMsgId, message: ack.message as ServerMessage | undefined });
      return true;
    }
    dispatch({ type: 'send-failed', clientMsgId: payload.clientMsgId });
    return false;
  };

  return {
    sendText: (text, clientMsgId = uuid()) => send({ clientMsgId, text }, text),
    sendPostback: (postback) => send({ clientMsgId: uuid(), postback }, postback.label),
    sendCsat: async (rating, comment, conversationId) => {
      const ack = await ready.then((s) => emitWithRetry(s, 'csat', { clientMsgId: uuid(), conversationId, rating, comment })).catch(() => null);
      if (ack?.ok) dispatch({ type: 'csat-sent' });
      return Boolean(ack?.ok);
    },
    close: () => {
      closed = true;
      socket?.close();
    },
  };
}
