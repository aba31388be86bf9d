import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { MESSAGE_ROLES, MessageRole } from '../conversation-enums';
import { json, oneOf, pk, ref, text, when } from './columns';

/**
 * One message of a conversation. `type`/`payload` are a Botpress standard message (text, choice, card …);
 * `clientMsgId` is the buyer's idempotency key (unique per conversation); `replyTo` links a bot reply to the
 * buyer message it answers.
 */
export class ConversationMessage extends Model<InferAttributes<ConversationMessage>, InferCreationAttributes<ConversationMessage>> {
  declare id: CreationOptional<number>;
  declare conversationId: number;
  declare role: MessageRole;
  declare type: string;
  declare payload: Record<string, unknown>;
  declare clientMsgId: string | null;
  declare replyTo: number | null;
  /** What the NLU read in a buyer text (migration 0005), for the supervisors' tuning inbox; null otherwise. */
  declare nluIntent: CreationOptional<string | null>;
  declare nluConfidence: CreationOptional<number | null>;
  /** The bot turn that wrote this reply (migration 0006), by which a committing node finds its rows again. */
  declare turnId: CreationOptional<string | null>;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    ConversationMessage.init(
      {
        id: pk,
        conversationId: ref(),
        role: oneOf(MESSAGE_ROLES),
        type: text(),
        payload: json(),
        clientMsgId: text(true),
        replyTo: ref(true),
        nluIntent: text(true),
        nluConfidence: { type: DataTypes.FLOAT, allowNull: true },
        turnId: { type: DataTypes.STRING(36), allowNull: true },
        createdAt: when(false),
      },
      { sequelize, tableName: 'conversation_messages', updatedAt: false },
    );
  }
}
