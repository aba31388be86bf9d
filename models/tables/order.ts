import { CreationOptional, InferAttributes, InferCreationAttributes, Model, NonAttribute, Sequelize } from 'sequelize';
import { ORDER_STATUSES, OrderStatus } from '../enums';
import { count, oneOf, pk, ref, text, timestamps, when } from './columns';
import type { Product } from './product';
import type { Payment } from './payment';
import type { Refund } from './refund';
import type { Cancellation } from './cancellation';
import type { CardKey } from './card-key';

export class Order extends Model<InferAttributes<Order>, InferCreationAttributes<Order>> {
  declare id: CreationOptional<number>;
  declare orderNo: string;
  /** The caller's idempotency key for the create request, when it sent one. */
  declare requestId: string | null;
  declare buyerId: number;
  declare merchantId: number;
  declare productId: number;
  declare quantity: number;
  declare unitPriceCents: number;
  declare amountCents: number;
  declare status: OrderStatus;
  declare paymentExpiresAt: Date;
  declare paidAt: Date | null;
  declare deliveredAt: Date | null;
  declare revealedAt: Date | null;
  declare completedAt: Date | null;
  declare cancelledAt: Date | null;
  declare refundedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  declare product?: NonAttribute<Product>;
  declare payments?: NonAttribute<Payment[]>;
  declare refunds?: NonAttribute<Refund[]>;
  declare cancellation?: NonAttribute<Cancellation | null>;
  declare cardKeys?: NonAttribute<CardKey[]>;

  static initModel(sequelize: Sequelize): void {
    Order.init(
      {
        id: pk,
        orderNo: text(),
        requestId: text(true),
        buyerId: ref(),
        merchantId: ref(),
        productId: ref(),
        quantity: { ...count(), validate: { min: 1 } },
        unitPriceCents: count(),
        amountCents: count(),
        status: oneOf(ORDER_STATUSES),
        paymentExpiresAt: when(false),
        paidAt: when(),
        deliveredAt: when(),
        revealedAt: when(),
        completedAt: when(),
        cancelledAt: when(),
        refundedAt: when(),
        ...timestamps,
      },
      { sequelize, tableName: 'orders' },
    );
  }
}
