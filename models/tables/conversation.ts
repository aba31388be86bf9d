import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { CONVERSATION_LANGS, CONVERSATION_STATUSES, ConversationLang, ConversationStatus } from '../conversation-enums';
import { count, oneOf, pk, ref, text, timestamps } from './columns';

/**
 * A buyer's widget conversation and the bot's state in it. The state lives here, not in a node's memory, so
 * any node may take the next turn; `version` is bumped by every turn and guards against two nodes applying one.
 */
export class Conversation extends Model<InferAttributes<Conversation>, InferCreationAttributes<Conversation>> {
  declare id: CreationOptional<number>;
  declare buyerId: number;
  declare status: ConversationStatus;
  declare lang: ConversationLang;
  /** The flow the bot is in (an NLU intent name). */
  declare intent: string | null;
  /** What the bot is waiting for (an order choice, a reason, a confirmation); its shape is the bot's business. */
  declare pending: Record<string, unknown> | null;
  declare orderId: number | null;
  declare failedCount: CreationOptional<number>;
  declare agentName: string | null;
  declare version: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Conversation.init(
      {
        id: pk,
        buyerId: ref(),
        status: oneOf(CONVERSATION_STATUSES),
        lang: oneOf(CONVERSATION_LANGS),
        intent: text(true),
        pending: { type: DataTypes.JSON, allowNull: true },
        orderId: ref(true),
        failedCount: { ...count(), defaultValue: 0 },
        agentName: text(true),
        version: { ...count(), defaultValue: 0 },
        ...timestamps,
      },
      { sequelize, tableName: 'conversations' },
    );
  }
}
