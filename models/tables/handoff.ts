import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { HANDOFF_REASONS, HANDOFF_STATUSES, HandoffReason, HandoffStatus } from '../conversation-enums';
import { count, json, oneOf, pk, ref, text, timestamps, when } from './columns';

/** What an agent reads before taking over: why the bot gave up, on which order, and what it already did. */
export interface HandoffSummary {
  intent: string | null;
  orderNo: string | null;
  reason: HandoffReason;
  detail: string;
  botActions: string[];
  lastBuyerText: string | null;
}

/** A conversation waiting for (queued), with (claimed) or done with (closed) a human agent. */
export class Handoff extends Model<InferAttributes<Handoff>, InferCreationAttributes<Handoff>> {
  declare id: CreationOptional<number>;
  declare conversationId: number;
  declare buyerId: number;
  declare orderId: number | null;
  declare reason: HandoffReason;
  declare intent: string | null;
  declare summary: HandoffSummary;
  /** Higher is more urgent: agents take the queue by priority, then age. */
  declare priority: number;
  declare status: HandoffStatus;
  declare claimedBy: string | null;
  declare claimedAt: Date | null;
  declare closedAt: Date | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Handoff.init(
      {
        id: pk,
        conversationId: ref(),
        buyerId: ref(),
        orderId: ref(true),
        reason: oneOf(HANDOFF_REASONS),
        intent: text(true),
        summary: json(),
        priority: count(),
        status: oneOf(HANDOFF_STATUSES),
        claimedBy: text(true),
        claimedAt: when(),
        closedAt: when(),
        ...timestamps,
      },
      { sequelize, tableName: 'handoffs' },
    );
  }
}
