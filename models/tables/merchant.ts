import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { pk, text, timestamps } from './columns';

export class Merchant extends Model<InferAttributes<Merchant>, InferCreationAttributes<Merchant>> {
  declare id: CreationOptional<number>;
  declare code: string;
  declare name: string;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Merchant.init({ id: pk, code: text(), name: text(), ...timestamps }, { sequelize, tableName: 'merchants' });
  }
}
