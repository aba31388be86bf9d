import { CreationOptional, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { longText, pk, ref, when } from './columns';

/** The buyer's 1–5 rating of a conversation an agent closed; one per conversation. */
export class CsatRating extends Model<InferAttributes<CsatRating>, InferCreationAttributes<CsatRating>> {
  declare id: CreationOptional<number>;
  declare conversationId: number;
  declare handoffId: number | null;
  declare buyerId: number;
  declare rating: number;
  declare comment: string | null;
  declare createdAt: Date;

  static initModel(sequelize: Sequelize): void {
    CsatRating.init(
      {
        id: pk,
        conversationId: ref(),
        handoffId: ref(true),
        buyerId: ref(),
        rating: { ...ref(), validate: { min: 1, max: 5 } },
        comment: longText(true),
        createdAt: when(false),
      },
      { sequelize, tableName: 'csat_ratings', updatedAt: false },
    );
  }
}
