import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { ACTOR_TYPES, ActorType, COMPENSATION_KINDS, CompensationKind } from '../enums';
import { count, oneOf, pk, ref, text, when } from './columns';

/** A goodwill gesture for a platform fault: a coupon code, or a small gift card key taken from stock. */
export class Compensation extends Model<InferAttributes<Compensation>, InferCreationAttributes<Compensation>> {
  declare id: CreationOptional<number>;
  declare orderId: number;
  declare buyerId: number;
  declare kind: CompensationKind;
  declare amountCents: number;
  declare couponCode: string | null;
  declare cardKeyId: number | null;
  declare reason: string;
  declare issuedByType: ActorType;
  declare issuedById: string | null;
  declare requestId: string | null;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    Compensation.init(
      {
        id: pk,
        orderId: ref(),
        buyerId: ref(),
        kind: oneOf(COMPENSATION_KINDS),
        amountCents: count(),
        couponCode: text(true),
        cardKeyId: ref(true),
        reason: text(),
        issuedByType: oneOf(ACTOR_TYPES),
        issuedById: text(true),
        requestId: text(true),
        createdAt: when(false),
      },
      { sequelize, tableName: 'compensations', updatedAt: false },
    );
  }
}
