import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { oneOf, pk, ref, text, timestamps } from './columns';

export const UTTERANCE_SOURCES = ['supervisor', 'inbox'] as const;
export type UtteranceSource = (typeof UTTERANCE_SOURCES)[number];

/**
 * A supervisor's training utterance, laid over the shipped files in intents/data: an added line, or the
 * replacement (`seedKey` set) of a shipped line that was edited, moved to another intent, or deleted.
 */
export class IntentUtterance extends Model<InferAttributes<IntentUtterance>, InferCreationAttributes<IntentUtterance>> {
  declare id: CreationOptional<number>;
  declare intent: string;
  declare lang: string;
  declare text: string;
  /** The shipped line this row replaces (intents/split hash of lang, intent and text), or null for an added line. */
  declare seedKey: string | null;
  declare source: UtteranceSource;
  declare deleted: CreationOptional<boolean>;
  declare createdBy: number | null;
  declare updatedBy: number | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    IntentUtterance.init(
      {
        id: pk,
        intent: text(),
        lang: text(),
        text: text(),
        seedKey: text(true),
        source: oneOf(UTTERANCE_SOURCES),
        deleted: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        createdBy: ref(true),
        updatedBy: ref(true),
        ...timestamps,
      },
      { sequelize, tableName: 'intent_utterances' },
    );
  }
}
