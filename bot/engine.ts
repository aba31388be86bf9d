// Takes the bot's turn for a stored buyer message. The conversation state is read from the database, the turn
// decided, and committed only if no other turn (on this node or another) committed meanwhile; a loser re-reads
// and, if the message is answered by then, stays silent. Order effects are idempotent, so a retried turn never
// cancels or orders twice. Product mentions are read against the store's catalog (bot/store-catalog.ts).
import type { Conversation, ConversationMessage } from '../models';
import { StaleConversationError, TurnCommit } from '../models/conversation-service';
import { recordClassification } from '../models/intent-tuning-inbox';
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
   * The committed turn, or null when the bot must stay silent (answered already, or a person has the chat).
   * `current` is the conversation as the caller read it just before storing a new (not resent) message: the first
   * attempt decides from it instead of reading again; the commit's version check catches anything since.
   */
  async answer(conversationId: number, message: ConversationMessage, input: BuyerInput, current?: Conversation): Promise<TurnCommit | null> {
    if (input.kind === 'text') await this.catalog.ready();
    const routed: TurnInput = input.kind === 'text' ? { kind: 'text', nlu: this.deps.nlu.classify(input.text) } : { kind: 'postback', postback: input.postback };
    // Kept on the message for the supervisors' tuning inbox (low confidence, fallbacks, agents' re-labels): in the
    // turn's own transaction, or on its own when no turn commits.
    const classified = routed.kind === 'text' ? { messageId: message.id, intent: routed.nlu.intent, confidence: routed.nlu.confidence } : undefined;
    const silent = async () => {
      if (routed.kind === 'text') await recordClassification(this.deps.domain.db, message.id, routed.nlu);
      return null;
    };
    const { conversations } = this.deps;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const fresh = attempt === 0 ? current : undefined;
      if (!fresh && (await conversations.isAnswered(message.id))) return silent();
      const conversation = fresh ?? (await conversations.get(conversationId));
      // While queued for a person the bot keeps answering standard questions; once an agent holds it, it is silent.
      if (conversation.status !== 'bot' && conversation.status !== 'queued') return silent();
      const turn = new TurnContext(this.deps, conversation, message, input.kind === 'text' ? input.text : null);
      await route(turn, routed);
      try {
        return await conversations.commitTurn(conversationId, { ...turn.toTurn(), classified });
      } catch (err) {
        if (!(err instanceof StaleConversationError)) throw err;
      }
    }
    await silent();
    throw new StaleConversationError(conversationId);
  }
}
