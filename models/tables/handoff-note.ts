import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { longText, pk, ref, when } from './columns';

/** A private note on a handoff: agents and supervisors see it, the buyer never does. */
export class HandoffNote extends Model<InferAttributes<HandoffNote>, InferCreationAttributes<HandoffNote>> {
  declare id: CreationOptional<number>;
  declare handoffId: number;
  declare agentId: number;
  declare text: string;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    HandoffNote.init(
      { id: pk, handoffId: ref(), agentId: ref(), text: longText(false), createdAt: when(false) },
      { sequelize, tableName: 'handoff_notes', updatedAt: false },
    );
  }
}
