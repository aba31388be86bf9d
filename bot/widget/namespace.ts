// The /widget Socket.IO namespace: buyer messages in (validated, rate-limited, stored before the ack,
// idempotent by clientMsgId), bot replies, typing, conversation and live order updates out, and `sync` for
// whatever a reconnecting widget missed. Protocol: bot/README.md.
import type { Namespace, Server, Socket } from 'socket.io';
import { ConversationService } from '../../models/conversation-service';
import { CsatService } from '../../models/csat-service';
import type { Conversation, ConversationMessage } from '../../models';
import type { BotContext } from '../context';
import { ConversationEngine } from '../engine';
import { toWireError, WidgetError } from '../errors';
import { loadNlu } from '../nlu';
import { BuyerInput, parseMessageInput, syncInput, toWire } from '../protocol';
import type { TurnInput } from '../router';
import { describePostback, TEXTS } from '../texts';
import { widgetAuth, WidgetSocketData } from './auth';
import { forwardDeskEvents } from './desk-bridge';
import { inOrderPer } from './in-order';
import { forwardOrderUpdates } from './order-updates';
import { messageLimiter } from './rate-limit';
import { buyerRoom, conversationRoom } from './rooms';

type Ack = (response: unknown) => void;

/**
 * The bot shows it is typing only when a turn takes longer than this. Most turns answer within milliseconds, and an
 * indicator there would only flicker; its two events were also two of the five socket writes of a message.
 */
export const TYPING_AFTER_MS = 300;

const conversationUpdate = (c: Conversation) => ({ conversationId: c.id, status: c.status, agentName: c.agentName });

/** A button press in the transcript: the label the buyer saw (or ours, if the widget sent none) and the postback. */
function buyerPayload(input: BuyerInput, lang: 'zh' | 'en'): Record<string, unknown> {
  if (input.kind === 'text') return { text: input.text };
  return { text: input.label ?? describePostback(input.postback, TEXTS[lang]), postback: input.postback };
}

export function attachWidget(io: Server, ctx: BotContext): Namespace {
  const { domain, config, logger } = ctx;
  const conversations = new ConversationService({ db: domain.db, clock: domain.clock });
  // Loaded on the first turn, not at startup: servers that never see a widget message never train a model.
  let engine: Promise<ConversationEngine> | null = null;
  const engineReady = (): Promise<ConversationEngine> => {
    if (!engine) {
      engine = (ctx.nlu ?? loadNlu)().then((nlu) => new ConversationEngine({ domain, config, conversations, nlu }));
      engine.catch(() => (engine = null));
    }
    return engine;
  };
  const limit = messageLimiter(config.widgetRateLimit.points, config.widgetRateLimit.seconds);
  const nsp = io.of('/widget');
  nsp.use(widgetAuth(config.widgetSecret, conversations, domain.catalog));
  io.httpServer.once('close', forwardOrderUpdates(nsp, domain.events));
  io.httpServer.once('close', forwardDeskEvents(nsp, domain.events));
  const csat = new CsatService({ clock: domain.clock });
  const inOrder = inOrderPer<number>();

  async function takeTurn(engine: ConversationEngine, conversationId: number, message: ConversationMessage, input: TurnInput, current?: Conversation): Promise<void> {
    const room = nsp.to(conversationRoom(conversationId));
    let typing = false;
    const slow = setTimeout(() => {
      typing = true;
      room.emit('typing', { role: 'bot', typing: true });
    }, TYPING_AFTER_MS);
    try {
      const commit = await engine.answer(conversationId, message, input, current);
      if (!commit) return;
      for (const reply of commit.messages) room.emit('message', toWire(reply));
      if (commit.handoff) {
        room.emit('conversation:update', conversationUpdate(commit.conversation));
        domain.events.publish('handoff.created', { handoffId: commit.handoff.id, conversationId, buyerId: commit.conversation.buyerId });
      }
    } catch (err) {
      logger.error({ err, conversationId, messageId: message.id }, 'bot turn failed');
    } finally {
      clearTimeout(slow);
      if (typing) room.emit('typing', { role: 'bot', typing: false });
    }
  }

  /** The engine and what it reads in the input; null if the NLU is unavailable: the message is still stored. */
  async function botRead(input: BuyerInput, conversationId: number): Promise<{ engine: ConversationEngine; read: TurnInput } | null> {
    try {
      const engine = await engineReady();
      return { engine, read: await engine.read(input) };
    } catch (err) {
      logger.error({ err, conversationId }, 'bot cannot read the message');
      return null;
    }
  }

  async function onMessage(socket: Socket, raw: unknown, ack: Ack): Promise<void> {
    const { buyerId, conversationId } = socket.data as WidgetSocketData;
    try {
      await limit(buyerId);
      const input = parseMessageInput(raw);
      const conversation = await conversations.get(conversationId);
      // With a person on the conversation the bot stays out entirely: no reading, no turn, no typing indicator.
      const bot = conversation.status === 'agent' ? null : await botRead(input, conversationId);
      const read = bot?.read;
      const { message, duplicate } = await conversations.storeBuyerMessage(conversationId, {
        clientMsgId: input.clientMsgId,
        type: 'text',
        payload: buyerPayload(input, conversation.lang),
        ...(read?.kind === 'text' ? { nlu: { intent: read.nlu.intent, confidence: read.nlu.confidence } } : {}),
      });
      ack({ ok: true, message: toWire(message), ...(duplicate ? { duplicate: true } : {}) });
      if (!duplicate) {
        socket.to(conversationRoom(conversationId)).emit('message', toWire(message));
        // The desk forwards it to the agent when a person has (or is about to have) the conversation.
        domain.events.publish('conversation.message', { conversationId, buyerId, status: conversation.status, message: toWire(message) });
      }
      // A resent message whose first turn never finished is answered now; the engine skips answered ones. A new
      // message's turn starts from the conversation just read.
      if (bot) await takeTurn(bot.engine, conversationId, message, bot.read, duplicate ? undefined : conversation);
    } catch (err) {
      const { error, internal } = toWireError(err);
      if (internal) logger.error({ err, buyerId }, 'widget message failed');
      ack({ ok: false, error });
    }
  }

  async function onSync(socket: Socket, raw: unknown, ack: Ack): Promise<void> {
    const { conversationId } = socket.data as WidgetSocketData;
    try {
      const parsed = syncInput.safeParse(raw);
      if (!parsed.success) throw new WidgetError('VALIDATION_FAILED', 'sync: expected {afterId: number | null}');
      const [messages, conversation] = await Promise.all([conversations.messagesAfter(conversationId, parsed.data.afterId ?? 0), conversations.get(conversationId)]);
      ack({ ok: true, messages: messages.map(toWire), conversation: conversationUpdate(conversation) });
    } catch (err) {
      const { error, internal } = toWireError(err);
      if (internal) logger.error({ err, conversationId }, 'widget sync failed');
      ack({ ok: false, error });
    }
  }

  /** The rating the widget asks for when an agent closes the conversation; one per conversation. */
  async function onCsat(socket: Socket, raw: unknown, ack: Ack): Promise<void> {
    const { buyerId } = socket.data as WidgetSocketData;
    try {
      const { duplicate } = await csat.rate(buyerId, raw);
      ack({ ok: true, ...(duplicate ? { duplicate: true } : {}) });
    } catch (err) {
      const { error, internal } = toWireError(err);
      if (internal) logger.error({ err, buyerId }, 'widget csat failed');
      ack({ ok: false, error });
    }
  }

  nsp.on('connection', async (socket) => {
    const { buyerId, conversationId } = socket.data as WidgetSocketData;
    socket.join([buyerRoom(buyerId), conversationRoom(conversationId)]);
    // An event sent without an ack callback still gets processed; the answer just has nowhere to go.
    const ackOf = (ack: unknown): Ack => (typeof ack === 'function' ? (ack as Ack) : () => undefined);
    socket.on('message', (raw: unknown, ack: unknown) => void inOrder(conversationId, () => onMessage(socket, raw, ackOf(ack))));
    socket.on('sync', (raw: unknown, ack: unknown) => void onSync(socket, raw, ackOf(ack)));
    socket.on('csat', (raw: unknown, ack: unknown) => void onCsat(socket, raw, ackOf(ack)));
    try {
      socket.emit('conversation:update', conversationUpdate(await conversations.get(conversationId)));
    } catch (err) {
      logger.error({ err, conversationId }, 'widget connection setup failed');
    }
  });
  return nsp;
}
