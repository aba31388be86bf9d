import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { CONVERSATION_LANGS, ConversationLang } from '../conversation-enums';
import { longText, oneOf, pk, ref, text, timestamps } from './columns';

/** A reply agents insert by shortcut; `body` may hold `{orderNo}`, `{amount}`, `{refundDate}`, `{buyerName}`, `{agentName}`. */
export class CannedResponse extends Model<InferAttributes<CannedResponse>, InferCreationAttributes<CannedResponse>> {
  declare id: CreationOptional<number>;
  declare shortcut: string;
  declare lang: ConversationLang;
  declare title: string;
  declare body: string;
  declare createdBy: number;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CannedResponse.init(
      { id: pk, shortcut: text(), lang: oneOf(CONVERSATION_LANGS), title: text(), body: longText(false), createdBy: ref(), ...timestamps },
      { sequelize, tableName: 'canned_responses' },
    );
  }
}
