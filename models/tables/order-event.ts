import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { ACTOR_TYPES, ActorType, ORDER_STATUSES, OrderStatus } from '../enums';
import { longText, oneOf, pk, ref, text, when } from './columns';

/** The audit trail: one row per action on an order, with who did it and why. */
export class OrderEvent extends Model<InferAttributes<OrderEvent>, InferCreationAttributes<OrderEvent>> {
  declare id: CreationOptional<number>;
  declare orderId: number;
  declare action: string;
  declare fromStatus: OrderStatus | null;
  declare toStatus: OrderStatus;
  declare actorType: ActorType;
  declare actorId: string | null;
  declare reason: string | null;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    OrderEvent.init(
      {
        id: pk,
        orderId: ref(),
        action: text(),
        fromStatus: oneOf(ORDER_STATUSES, true),
        toStatus: oneOf(ORDER_STATUSES),
        actorType: oneOf(ACTOR_TYPES),
        actorId: text(true),
        reason: longText(),
        createdAt: when(false),
      },
      { sequelize, tableName: 'order_events', updatedAt: false },
    );
  }
}
