import { InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { json, ref, text, when } from './columns';

/** A supervisor-set value that outlives restarts (the NLU confidence threshold). */
export class SupervisorSetting extends Model<InferAttributes<SupervisorSetting>, InferCreationAttributes<SupervisorSetting>> {
  declare key: string;
  declare value: unknown;
  declare updatedBy: number | null;
  declare updatedAt: Date;

  static initModel(sequelize: Sequelize): void {
    SupervisorSetting.init(
      { key: { ...text(), primaryKey: true }, value: json(), updatedBy: ref(true), updatedAt: when(false) },
      { sequelize, tableName: 'supervisor_settings', createdAt: false },
    );
  }
}
