// `/api/supervisor/...`: every route needs a desk token with role supervisor, except re-labelling an inbox
// message, which any agent may do from a handoff ("the bot misunderstood this: it was X").
import express, { Router } from 'express';
import { requireAgent } from '../auth';
import { actorOf } from './actor';
import { analyticsRouter } from './analytics-router';
import type { SupervisorContext } from './context';
import { creditRouter } from './credit-router';
import { intentsRouter } from './intents-router';
import { ModelLifecycle } from './model-lifecycle';
import { modelsRouter } from './models-router';
import { analyticsServices, tuningServices } from './services';

export interface SupervisorRouter {
  router: Router;
  lifecycle: ModelLifecycle;
}

export function supervisorRouter(ctx: SupervisorContext): SupervisorRouter {
  const secret = ctx.config.desk.secret;
  const tuning = tuningServices(ctx.domain, ctx.intents.seed);
  const analytics = analyticsServices(ctx.domain);
  const lifecycle = new ModelLifecycle({
    intents: ctx.intents,
    utterances: tuning.utterances,
    trainings: tuning.trainings,
    onError: (err, trainingId) => ctx.logger.error({ err, trainingId }, 'intents retrain failed'),
  });
  // Load and key the ~3,000 shipped lines now, not on the event loop of the first retrain (some 40 ms).
  tuning.utterances.effective().catch((err: unknown) => ctx.logger.warn({ err }, 'training set not loaded'));
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  router.post('/inbox/relabel', requireAgent(secret), async (req, res) => {
    res.json({ item: await tuning.inbox.relabel(actorOf(res), req.body) });
  });
  router.use(requireAgent(secret, 'supervisor'));
  router.use(intentsRouter(ctx.intents, tuning));
  router.use(modelsRouter(ctx.intents, lifecycle, tuning));
  router.use(analyticsRouter(analytics));
  router.use(creditRouter(analytics));
  return { router, lifecycle };
}
