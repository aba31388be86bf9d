import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { PAYMENT_CHANNELS, PAYMENT_STATUSES, PaymentChannel } from '../enums';
import { count, oneOf, pk, ref, text, timestamps, when } from './columns';

/** A payment the store's gateway reported; `externalId` is the gateway's payment id (the idempotency key). */
export class Payment extends Model<InferAttributes<Payment>, InferCreationAttributes<Payment>> {
  declare id: CreationOptional<number>;
  declare orderId: number;
  declare externalId: string;
  declare channel: PaymentChannel;
  declare amountCents: number;
  declare status: (typeof PAYMENT_STATUSES)[number];
  declare paidAt: Date;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Payment.init(
      {
        id: pk,
        orderId: ref(),
        externalId: text(),
        channel: oneOf(PAYMENT_CHANNELS),
        amountCents: count(),
        status: oneOf(PAYMENT_STATUSES),
        paidAt: when(false),
        ...timestamps,
      },
      { sequelize, tableName: 'payments' },
    );
  }
}
