import { CreationOptional, DataTypes, InferAttributes, InferCreationAttributes, Model, Sequelize } from 'sequelize';
import { count, longText, oneOf, pk, ref, text, when } from './columns';

export const TRAINING_STATUSES = ['running', 'ready', 'failed'] as const;
export type TrainingStatus = (typeof TRAINING_STATUSES)[number];

/** A held-out utterance and what the model trained without its fold answered: [lang, text, truth, predicted]. */
export type StoredPrediction = [string, string, string, string];

/**
 * One retrain of the intents model from the supervisor API, or the evaluation of a version trained elsewhere
 * (`assumedSeed`: evaluated as if trained on the shipped files). Metrics and per-utterance predictions come from
 * cross-validation on hash-assigned folds, so two versions' predictions can be paired utterance by utterance.
 */
export class IntentTraining extends Model<InferAttributes<IntentTraining>, InferCreationAttributes<IntentTraining>> {
  declare id: CreationOptional<number>;
  declare status: TrainingStatus;
  declare version: string | null;
  declare activate: boolean;
  declare assumedSeed: boolean;
  declare examples: number;
  declare folds: number;
  declare metrics: object | null;
  /** JSON of StoredPrediction[]: written as the worker serialised it, parsed only to compare two versions. */
  declare predictions: string | null;
  declare error: string | null;
  declare createdBy: number | null;
  declare startedAt: Date;
  declare finishedAt: Date | null;

  static initModel(sequelize: Sequelize): void {
    IntentTraining.init(
      {
        id: pk,
        status: oneOf(TRAINING_STATUSES),
        version: text(true),
        activate: { type: DataTypes.BOOLEAN, allowNull: false },
        assumedSeed: { type: DataTypes.BOOLEAN, allowNull: false },
        examples: count(),
        folds: count(),
        metrics: { type: DataTypes.JSON, allowNull: true },
        predictions: longText(),
        error: longText(),
        createdBy: ref(true),
        startedAt: when(false),
        finishedAt: when(),
      },
      { sequelize, tableName: 'intent_trainings', timestamps: false },
    );
  }
}
