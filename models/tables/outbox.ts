import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { OUTBOX_STATUSES } from '../enums';
import { count, json, longText, oneOf, pk, text, timestamps, when } from './columns';

/**
 * Webhook notifications to the store, written in the same transaction as the change they describe, so a
 * crash can delay a notification but never lose it.
 */
export class OutboxMessage extends Model<InferAttributes<OutboxMessage>, InferCreationAttributes<OutboxMessage>> {
  declare id: CreationOptional<number>;
  declare eventType: string;
  declare payload: Record<string, unknown>;
  declare status: CreationOptional<(typeof OUTBOX_STATUSES)[number]>;
  declare attempts: CreationOptional<number>;
  declare nextAttemptAt: Date;
  declare lastError: string | null;
  declare deliveredAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    OutboxMessage.init(
      {
        id: pk,
        eventType: text(),
        payload: json(),
        status: { ...oneOf(OUTBOX_STATUSES), defaultValue: 'pending' },
        attempts: { ...count(), defaultValue: 0 },
        nextAttemptAt: when(false),
        lastError: longText(),
        deliveredAt: when(),
        ...timestamps,
      },
      { sequelize, tableName: 'outbox' },
    );
  }
}
