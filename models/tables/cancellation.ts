import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import {
  ACTOR_TYPES,
  ActorType,
  CANCEL_CATEGORIES,
  CANCEL_REASONS,
  CancelCategory,
  CancelReason,
  ORDER_STATUSES,
  OrderStatus,
} from '../enums';
import { count, longText, oneOf, pk, ref, text, when } from './columns';

/**
 * Why an order was cancelled, tagged for analytics and credit. Buyer, merchant and product are copied from the
 * order so that the reports and the credit window read one indexed table.
 */
export class Cancellation extends Model<InferAttributes<Cancellation>, InferCreationAttributes<Cancellation>> {
  declare id: CreationOptional<number>;
  declare orderId: number;
  declare buyerId: number;
  declare merchantId: number;
  declare productId: number;
  /** The order status when it was cancelled: tells an unpaid slip from a cancellation after delivery. */
  declare stage: OrderStatus;
  declare initiatorType: ActorType;
  declare initiatorId: string | null;
  declare category: CancelCategory;
  declare reasonCode: CancelReason;
  declare note: string | null;
  declare refundedCents: CreationOptional<number>;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    Cancellation.init(
      {
        id: pk,
        orderId: ref(),
        buyerId: ref(),
        merchantId: ref(),
        productId: ref(),
        stage: oneOf(ORDER_STATUSES),
        initiatorType: oneOf(ACTOR_TYPES),
        initiatorId: text(true),
        category: oneOf(CANCEL_CATEGORIES),
        reasonCode: oneOf(CANCEL_REASONS),
        note: longText(),
        refundedCents: { ...count(), defaultValue: 0 },
        createdAt: when(false),
      },
      { sequelize, tableName: 'cancellations', updatedAt: false },
    );
  }
}
