import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { PAYMENT_CHANNELS, PaymentChannel, REFUND_STATUSES, RefundStatus } from '../enums';
import { count, oneOf, pk, ref, text, timestamps, when } from './columns';

/** Money going back to the original payment method; one per payment, arriving within 1–3 working days. */
export class Refund extends Model<InferAttributes<Refund>, InferCreationAttributes<Refund>> {
  declare id: CreationOptional<number>;
  declare orderId: number;
  declare paymentId: number;
  declare amountCents: number;
  declare channel: PaymentChannel;
  declare status: RefundStatus;
  declare reason: string;
  declare expectedFrom: Date;
  declare expectedBy: Date;
  declare completedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Refund.init(
      {
        id: pk,
        orderId: ref(),
        paymentId: ref(),
        amountCents: count(),
        channel: oneOf(PAYMENT_CHANNELS),
        status: oneOf(REFUND_STATUSES),
        reason: text(),
        expectedFrom: when(false),
        expectedBy: when(false),
        completedAt: when(),
        ...timestamps,
      },
      { sequelize, tableName: 'refunds' },
    );
  }
}
