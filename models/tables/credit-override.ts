import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { CREDIT_LEVELS, CreditLevel } from '../enums';
import { longText, oneOf, pk, ref, when } from './columns';

/** A supervisor's decision on a buyer's credit level, replacing the computed one until cleared or expired. */
export class CreditOverride extends Model<InferAttributes<CreditOverride>, InferCreationAttributes<CreditOverride>> {
  declare id: CreationOptional<number>;
  declare buyerId: number;
  declare level: CreditLevel;
  declare note: string;
  declare createdBy: number;
  declare createdAt: Date;
  declare expiresAt: Date | null;
  declare clearedAt: Date | null;
  declare clearedBy: number | null;
  declare clearNote: string | null;

  static initModel(sequelize: Sequelize): void {
    CreditOverride.init(
      {
        id: pk,
        buyerId: ref(),
        level: oneOf(CREDIT_LEVELS),
        note: longText(false),
        createdBy: ref(),
        createdAt: when(false),
        expiresAt: when(),
        clearedAt: when(),
        clearedBy: ref(true),
        clearNote: longText(),
      },
      { sequelize, tableName: 'credit_overrides', updatedAt: false },
    );
  }
}
