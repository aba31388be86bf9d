import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { oneOf, pk, ref, text, when } from './columns';

export const INBOX_STATUSES = ['open', 'added', 'dismissed'] as const;
export type InboxStatus = (typeof INBOX_STATUSES)[number];

/** What people decided about one buyer message in the tuning inbox: an agent's re-label, then added or dismissed. */
export class IntentInboxEntry extends Model<InferAttributes<IntentInboxEntry>, InferCreationAttributes<IntentInboxEntry>> {
  declare id: CreationOptional<number>;
  declare messageId: number;
  declare relabelIntent: string | null;
  declare relabelledBy: number | null;
  declare relabelledAt: Date | null;
  declare status: InboxStatus;
  declare utteranceId: number | null;
  declare resolvedBy: number | null;
  declare resolvedAt: Date | null;

  static initModel(sequelize: Sequelize): void {
    IntentInboxEntry.init(
      {
        id: pk,
        messageId: ref(),
        relabelIntent: text(true),
        relabelledBy: ref(true),
        relabelledAt: when(),
        status: oneOf(INBOX_STATUSES),
        utteranceId: ref(true),
        resolvedBy: ref(true),
        resolvedAt: when(),
      },
      { sequelize, tableName: 'intent_inbox', timestamps: false },
    );
  }
}
