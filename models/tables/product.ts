import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { FULFILMENT_MODES, OPERATORS, PRODUCT_TYPES, Operator, ProductType } from '../enums';
import { count, json, longText, oneOf, pk, ref, text, timestamps } from './columns';

export interface FaqEntry {
  q: string;
  a: string;
}

/** A sellable SKU: one brand at one face value for one platform / region / operator. */
export class Product extends Model<InferAttributes<Product>, InferCreationAttributes<Product>> {
  declare id: CreationOptional<number>;
  declare sku: string;
  declare merchantId: number;
  declare type: ProductType;
  declare brand: string;
  declare name: string;
  declare faceValueCents: number;
  declare priceCents: number;
  declare platform: string | null;
  declare region: string | null;
  declare operator: Operator | null;
  declare validityDays: number | null;
  declare deliveryMinutes: number;
  declare fulfilment: CreationOptional<(typeof FULFILMENT_MODES)[number]>;
  declare description: CreationOptional<string>;
  declare faq: FaqEntry[];
  declare aliases: string[];
  declare active: CreationOptional<boolean>;
  declare createdAt: CreationOptional<Date>;
  declare updatedAt: CreationOptional<Date>;

  static initModel(sequelize: Sequelize): void {
    Product.init(
      {
        id: pk,
        sku: text(),
        merchantId: ref(),
        type: oneOf(PRODUCT_TYPES),
        brand: text(),
        name: text(),
        faceValueCents: count(),
        priceCents: count(),
        platform: text(true),
        region: text(true),
        operator: oneOf(OPERATORS, true),
        validityDays: count(true),
        deliveryMinutes: count(),
        fulfilment: { ...oneOf(FULFILMENT_MODES), defaultValue: 'stock' },
        description: { ...longText(false), defaultValue: '' },
        faq: json(),
        aliases: json(),
        active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
        ...timestamps,
      },
      { sequelize, tableName: 'products' },
    );
  }
}
