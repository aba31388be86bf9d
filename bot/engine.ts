// Takes the bot's turn for a stored buyer message. The conversation state is read from the database, the turn
// decided, and committed only if no other turn (on this node or another) committed meanwhile; a loser re-reads
// and, if the message is answered by then, stays silent. Order effects are idempotent, so a retried turn never
// cancels or orders twice. Product mentions are read against the store's catalog (bot/store-catalog.ts).
import type { Conversation, ConversationMessage } from '../models';
import { StaleConversationError, TurnCommit } from '../models/conversation-service';
import type { BuyerInput } from './protocol';
import { route, TurnInput } from './router';
import { StoreCatalog } from './store-catalog';
import { BotDeps, TurnContext } from './turn';

const MAX_ATTEMPTS = 5;

export class ConversationEngine {
  private readonly catalog: StoreCatalog;

  constructor(private readonly deps: BotDeps) {
    this.catalog = new StoreCatalog(deps.domain, deps.nlu);
  }

  /**
   * What the bot reads in a buyer input: the NLU result of a text (against the store's catalog), a button as is.
   * Read before the message is stored, so the message is stored with it (the supervisors' tuning inbox).
   */
  async read(input: BuyerInput): Promise<TurnInput> {
    if (input.kind === 'postback') return { kind: 'postback', postback: input.postback };
    await this.catalog.ready();
    return { kind: 'text', text: input.text, nlu: this.deps.nlu.classify(input.text) };
  }

  /**
   * The committed turn, or null when the bot must stay silent (answered already, or a person has the chat).
   * `current` is the conversation as the caller read it just before storing a new (not resent) message: the first
   * attempt decides from it instead of reading again; the commit's check catches anything since.
   */
  async answer(conversationId: number, message: ConversationMessage, input: TurnInput, current?: Conversation): Promise<TurnCommit | null> {
    const { conversations } = this.deps;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const fresh = attempt === 0 ? current : undefined;
      if (!fresh && (await conversations.isAnswered(message.id))) return null;
      const conversation = fresh ?? (await conversations.get(conversationId));
      // While queued for a person the bot keeps answering standard questions; once an agent holds it, it is silent.
      if (conversation.status !== 'bot' && conversation.status !== 'queued') return null;
      const turn = new TurnContext(this.deps, conversation, message, input.kind === 'text' ? input.text : null);
      await route(turn, input);
      try {
        return await conversations.commitTurn(conversationId, turn.toTurn());
      } catch (err) {
        if (!(err instanceof StaleConversationError)) throw err;
      }
    }
    throw new StaleConversationError(conversationId);
  }
}
