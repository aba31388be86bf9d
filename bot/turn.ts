// One turn of the bot: what it read, what it says, how the conversation state changes. Flows only touch this;
// the engine commits it in one transaction guarded by the conversation's version.
import type { Actor, Domain } from '../models';
import type { ConversationLang } from '../models/conversation-enums';
import type { ConversationService, HandoffDraft, MessageDraft, StatePatch, Turn } from '../models/conversation-service';
import type { Conversation, ConversationMessage } from '../models';
import type { BotConfig } from './context';
import type { Nlu } from './nlu';
import { Pending, readPending } from './state';
import { TEXTS, Texts } from './texts';

export interface BotDeps {
  domain: Domain;
  config: BotConfig;
  conversations: ConversationService;
  nlu: Nlu;
}

export class TurnContext {
  readonly replies: MessageDraft[] = [];
  readonly state: StatePatch = {};
  handoff: HandoffDraft | null = null;
  /** What the bot did to orders in this turn, for a handoff summary. */
  readonly actions: string[] = [];

  constructor(
    readonly deps: BotDeps,
    readonly conversation: Conversation,
    readonly message: ConversationMessage,
    /** The buyer's words, when the turn came from text rather than a button. */
    readonly buyerText: string | null,
  ) {}

  get lang(): ConversationLang {
    return this.state.lang ?? this.conversation.lang;
  }

  get t(): Texts {
    return TEXTS[this.lang];
  }

  get buyerId(): number {
    return this.conversation.buyerId;
  }

  /** Order changes by the bot are audited with the conversation they came from. */
  get actor(): Actor {
    return { type: 'bot', id: `conversation:${this.conversation.id}` };
  }

  get pending(): Pending | null {
    return readPending(this.state.pending !== undefined ? this.state.pending : this.conversation.pending);
  }

  set pending(value: Pending | null) {
    this.state.pending = value;
  }

  get failedCount(): number {
    return this.state.failedCount ?? this.conversation.failedCount;
  }

  say(...drafts: MessageDraft[]): void {
    for (const d of drafts) this.replies.push({ ...d, replyTo: this.message.id });
  }

  toTurn(): Turn {
    return { version: this.conversation.version, state: this.state, messages: this.replies, ...(this.handoff ? { handoff: this.handoff } : {}) };
  }
}
