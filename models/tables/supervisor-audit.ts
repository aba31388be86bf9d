import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { longText, oneOf, pk, ref, text, when } from './columns';

export const AUDIT_AREAS = ['intents', 'models', 'credit'] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

/** Who changed what a supervisor manages, when, from what to what, and why. */
export class SupervisorAudit extends Model<InferAttributes<SupervisorAudit>, InferCreationAttributes<SupervisorAudit>> {
  declare id: CreationOptional<number>;
  declare area: AuditArea;
  declare action: string;
  declare subject: string;
  declare actorId: number | null;
  declare actorName: string | null;
  declare before: unknown;
  declare after: unknown;
  declare note: string | null;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    SupervisorAudit.init(
      {
        id: pk,
        area: oneOf(AUDIT_AREAS),
        action: text(),
        subject: text(),
        actorId: ref(true),
        actorName: text(true),
        before: { type: DataTypes.JSON, allowNull: true },
        after: { type: DataTypes.JSON, allowNull: true },
        note: longText(),
        createdAt: when(false),
      },
      { sequelize, tableName: 'supervisor_audit', updatedAt: false },
    );
  }
}
