// `/api/supervisor/models` and the threshold: trainings, comparison, activation and rollback.
import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../models/validate';
import { actorOf } from './actor';
import type { SupervisorIntents } from './context';
import type { ModelLifecycle } from './model-lifecycle';
import type { tuningServices } from './services';

const retrainInput = z.object({ activate: z.boolean().default(false) }).strict();
/** The model store's version alphabet (intents/model-store.ts). */
const version = z.string().regex(/^[0-9A-Za-z-]{1,64}$/, 'a model version');
const compareQuery = z.object({ candidate: version, baseline: version.optional() }).strict();
const trainingId = z.coerce.number().int().positive();
const empty = z.object({}).strict();

export function modelsRouter(intents: SupervisorIntents, lifecycle: ModelLifecycle, { trainings, settings }: ReturnType<typeof tuningServices>): Router {
  const router = Router();

  router.get('/models', async (_req, res) => {
    const engine = await intents.engine();
    res.json({ activeVersion: engine.version, threshold: engine.threshold, retraining: lifecycle.retraining, versions: await engine.versions(), trainings: await trainings.list() });
  });
  router.post('/models/retrain', async (req, res) => {
    const { activate } = parseInput(retrainInput, req.body ?? {});
    res.status(202).json({ training: await lifecycle.retrain(actorOf(res), activate) });
  });
  router.get('/models/trainings/:id', async (req, res) => {
    res.json({ training: await trainings.get(parseInput(trainingId, req.params.id)) });
  });
  router.get('/models/compare', async (req, res) => {
    const q = parseInput(compareQuery, req.query);
    res.json(await lifecycle.compare(q.candidate, q.baseline));
  });
  router.post('/models/rollback', async (req, res) => {
    parseInput(empty, req.body ?? {});
    res.json({ activeVersion: await lifecycle.rollback(actorOf(res)) });
  });
  router.post('/models/:version/activate', async (req, res) => {
    parseInput(empty, req.body ?? {});
    res.json({ activeVersion: await lifecycle.activate(actorOf(res), parseInput(version, req.params.version)) });
  });

  router.get('/settings/threshold', async (_req, res) => {
    res.json({ threshold: (await intents.engine()).threshold });
  });
  router.put('/settings/threshold', async (req, res) => {
    const engine = await intents.engine();
    const threshold = await settings.setThreshold(actorOf(res), req.body, engine.threshold);
    engine.setThreshold(threshold);
    res.json({ threshold: engine.threshold });
  });
  return router;
}
