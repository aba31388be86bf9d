import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { pk, text, timestamps } from './columns';

/** A buyer of the host store; `externalId` is the store's own id (the widget JWT's `sub`). */
export class Buyer extends Model<InferAttributes<Buyer>, InferCreationAttributes<Buyer>> {
  declare id: CreationOptional<number>;
  declare externalId: string;
  declare name: string | null;
  declare phone: string | null;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Buyer.init(
      { id: pk, externalId: text(), name: text(true), phone: text(true), ...timestamps },
      { sequelize, tableName: 'buyers' },
    );
  }
}
