// Column helpers shared by the model definitions; they mirror the migrations' column types.
import { DataTypes, ModelAttributeColumnOptions } from 'sequelize';

export const pk = { type: DataTypes.INTEGER, primaryKey: true, autoIncrement: true } as const;
export const ref = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.INTEGER, allowNull });
export const text = (allowNull = false): ModelAttributeColumnOptions => ({ type: DataTypes.STRING, allowNull });
export const longText = (allowNull = true): ModelAttributeColumnOptions => ({ type: DataTypes.TEXT, allowNull });
export const json = (): ModelAttributeColumnOptions => ({ type: DataTypes.JSON, allowNull: false });
export const oneOf = (values: readonly string[], allowNull = false): ModelAttributeColumnOptions => ({
  type: DataTypes.STRING,
  allowNull,
  validate: { isIn: [values as string[]] },
});
export const count = (allowNull = false): ModelAttributeColumnOptions => ({
  type: DataTypes.INTEGER,
  allowNull,
  validate: { min: 0 },
});
export const when = (allowNull = true): ModelAttributeColumnOptions => ({ type: DataTypes.DATE, allowNull });
/** Sequelize fills these itself; the typings of Model.init still want them listed. */
export const timestamps = { createdAt: DataTypes.DATE, updatedAt: DataTypes.DATE };
