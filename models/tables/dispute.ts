import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { CANCEL_REASONS, CancelReason, DISPUTE_STATUSES, DisputeStatus } from '../enums';
import { longText, oneOf, pk, ref, text, timestamps, when } from './columns';

/** A buyer's claim on an order the automation may not cancel (typically a revealed key); an agent decides it. */
export class Dispute extends Model<InferAttributes<Dispute>, InferCreationAttributes<Dispute>> {
  declare id: CreationOptional<number>;
  declare orderId: number;
  declare buyerId: number;
  declare reasonCode: CancelReason;
  declare description: string | null;
  declare status: DisputeStatus;
  declare resolution: string | null;
  declare resolvedBy: string | null;
  declare resolvedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Dispute.init(
      {
        id: pk,
        orderId: ref(),
        buyerId: ref(),
        reasonCode: oneOf(CANCEL_REASONS),
        description: longText(),
        status: oneOf(DISPUTE_STATUSES),
        resolution: longText(),
        resolvedBy: text(true),
        resolvedAt: when(),
        ...timestamps,
      },
      { sequelize, tableName: 'disputes' },
    );
  }
}
