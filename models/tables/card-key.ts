import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { CARD_KEY_STATUSES, CardKeyStatus } from '../enums';
import { count, oneOf, pk, ref, text, timestamps, when } from './columns';

/**
 * One card (卡号 serial + 卡密 secret). available → reserved (by an order) → delivered → revealed (the buyer
 * viewed it). Revoking an unrevealed key returns it to available; a key reported invalid is void.
 */
export class CardKey extends Model<InferAttributes<CardKey>, InferCreationAttributes<CardKey>> {
  declare id: CreationOptional<number>;
  declare productId: number;
  declare serial: string;
  declare secret: string;
  declare status: CardKeyStatus;
  declare orderId: number | null;
  declare reservedAt: Date | null;
  declare deliveredAt: Date | null;
  declare revealedAt: Date | null;
  declare revokedCount: CreationOptional<number>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    CardKey.init(
      {
        id: pk,
        productId: ref(),
        serial: text(),
        secret: text(),
        status: oneOf(CARD_KEY_STATUSES),
        orderId: ref(true),
        reservedAt: when(),
        deliveredAt: when(),
        revealedAt: when(),
        revokedCount: { ...count(), defaultValue: 0 },
        ...timestamps,
      },
      { sequelize, tableName: 'card_keys' },
    );
  }
}

/** What a buyer or agent may see of a key before it is revealed: enough to identify, not to use. */
export const maskSecret = (secret: string): string =>
  secret.length <= 4 ? '****' : `${secret.slice(0, 2)}${'*'.repeat(Math.min(secret.length - 4, 12))}${secret.slice(-2)}`;
