// The record of model trainings started from the supervisor API (and evaluations of versions trained elsewhere),
// and of activations, from which a rollback finds the version that was active before.
import { Op } from 'sequelize';
import type { Clock } from './clock';
import type { Database } from './db';
import { DomainError } from './errors';
import { audit, DeskActor } from './supervisor-audit';
import { IntentTraining, StoredPrediction, SupervisorAudit } from './tables';

export interface TrainingView {
  id: number;
  status: IntentTraining['status'];
  version: string | null;
  activate: boolean;
  assumedSeed: boolean;
  examples: number;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  createdBy: number | null;
  metrics: object | null;
}

export const trainingView = (t: IntentTraining): TrainingView => ({
  id: t.id,
  status: t.status,
  version: t.version,
  activate: t.activate,
  assumedSeed: t.assumedSeed,
  examples: t.examples,
  startedAt: new Date(t.startedAt).toISOString(),
  finishedAt: t.finishedAt ? new Date(t.finishedAt).toISOString() : null,
  error: t.error,
  createdBy: t.createdBy,
  metrics: t.metrics,
});

export interface Evaluation {
  folds: number;
  metrics: object;
  /** JSON of StoredPrediction[], as the evaluation worker wrote it (parsing it here would stall the event loop). */
  predictions: string;
}

export const predictionsOf = (row: IntentTraining): StoredPrediction[] => (row.predictions ? (JSON.parse(row.predictions) as StoredPrediction[]) : []);

const ACTIVATIONS = ['model.activate', 'model.rollback'];

export class TrainingLog {
  constructor(private readonly deps: { db: Database; clock: Clock }) {}

  start(actor: DeskActor | null, opts: { activate: boolean; examples: number; assumedSeed?: boolean }): Promise<IntentTraining> {
    return IntentTraining.create({
      status: 'running',
      version: null,
      activate: opts.activate,
      assumedSeed: opts.assumedSeed ?? false,
      examples: opts.examples,
      folds: 0,
      metrics: null,
      predictions: null,
      error: null,
      createdBy: actor?.id ?? null,
      startedAt: this.deps.clock.now(),
      finishedAt: null,
    });
  }

  async trained(id: number, version: string): Promise<void> {
    await IntentTraining.update({ version }, { where: { id } });
  }

  async finish(id: number, evaluation: Evaluation): Promise<void> {
    await IntentTraining.update({ status: 'ready', ...evaluation, finishedAt: this.deps.clock.now() }, { where: { id } });
  }

  async fail(id: number, error: string): Promise<void> {
    await IntentTraining.update({ status: 'failed', error, finishedAt: this.deps.clock.now() }, { where: { id } });
  }

  async list(): Promise<TrainingView[]> {
    return (await IntentTraining.findAll({ order: [['id', 'DESC']], limit: 100 })).map(trainingView);
  }

  async get(id: number): Promise<TrainingView> {
    const row = await IntentTraining.findByPk(id);
    if (!row) throw new DomainError('NOT_FOUND', 'No such training', { kind: 'training', id });
    return trainingView(row);
  }

  /** The latest finished evaluation of a version, with its per-utterance predictions. */
  evaluationOf(version: string): Promise<IntentTraining | null> {
    return IntentTraining.findOne({ where: { version, status: 'ready' }, order: [['id', 'DESC']] });
  }

  /** A version may be activated unless the only retrains that produced it failed (a baseline evaluation never blocks). */
  async assertUsable(version: string): Promise<void> {
    const rows = await IntentTraining.findAll({ where: { version, assumedSeed: false } });
    if (rows.length && rows.every((r) => r.status === 'failed')) throw new DomainError('INVALID_TRANSITION', 'This version failed its evaluation', { version });
  }

  async recordActivation(actor: DeskActor | null, action: 'model.activate' | 'model.rollback', from: string, to: string): Promise<void> {
    await audit(actor, { area: 'models', action, subject: to, before: { version: from }, after: { version: to } }, this.deps.clock.now());
  }

  /** The version that was active before the current one, per the last activation that made `current` active. */
  async previousOf(current: string): Promise<string | null> {
    const rows = await SupervisorAudit.findAll({ where: { area: 'models', action: { [Op.in]: ACTIVATIONS } }, order: [['id', 'DESC']], limit: 50 });
    const last = rows.find((r) => (r.after as { version?: string } | null)?.version === current);
    return (last?.before as { version?: string } | null)?.version ?? null;
  }
}
