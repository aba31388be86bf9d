import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { HANDOFF_REASONS, HANDOFF_STATUSES, HandoffReason, HandoffStatus } from '../conversation-enums';
import { CANCEL_CATEGORIES, CANCEL_REASONS, CancelCategory, CancelReason } from '../enums';
import { count, json, oneOf, pk, ref, text, timestamps, when } from './columns';

/** What an agent reads before taking over: why the bot gave up, on which order, and what it already did. */
export interface HandoffSummary {
  intent: string | null;
  orderNo: string | null;
  reason: HandoffReason;
  /** For the agent, in zh-CN (the desk's language); rows from before the English variant have only this. */
  detail: string;
  detailEn?: string;
  /** The bot's own technical note (flow, codes), for debugging the bot rather than for the agent. */
  trace?: string;
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
  // Desk state (migration 0004): SLA timers are DB timestamps so they survive restarts and fire once across nodes.
  /** The first agent reply is due by then; cleared by it. */
  declare slaDueAt: CreationOptional<Date | null>;
  /** The holder must answer the buyer by then, or the claim returns to the queue. */
  declare replyDueAt: CreationOptional<Date | null>;
  /** The holder's desk disconnected; the claim returns to the queue at this time unless they reconnect. */
  declare graceDueAt: CreationOptional<Date | null>;
  declare breachedAt: CreationOptional<Date | null>;
  declare firstResponseAt: CreationOptional<Date | null>;
  declare firstResponseMs: CreationOptional<number | null>;
  declare handlingMs: CreationOptional<number | null>;
  declare tagCategory: CreationOptional<CancelCategory | null>;
  declare tagReason: CreationOptional<CancelReason | null>;
  declare involvesCancellation: CreationOptional<boolean>;
  /** How it ended: `closed` (CSAT asked) or `bot` (handed back). */
  declare closedTo: CreationOptional<'closed' | 'bot' | null>;
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
        slaDueAt: when(),
        replyDueAt: when(),
        graceDueAt: when(),
        breachedAt: when(),
        firstResponseAt: when(),
        firstResponseMs: count(true),
        handlingMs: count(true),
        tagCategory: oneOf(CANCEL_CATEGORIES, true),
        tagReason: oneOf(CANCEL_REASONS, true),
        involvesCancellation: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: false },
        closedTo: oneOf(['closed', 'bot'], true),
        ...timestamps,
      },
      { sequelize, tableName: 'handoffs' },
    );
  }
}
