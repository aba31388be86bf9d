// `/api/supervisor/credit`: watch / restricted buyers and supervisor overrides of a buyer's level.
import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../../models/validate';
import { actorOf } from './actor';
import type { analyticsServices } from './services';

const buyerId = z.coerce.number().int().positive();

export function creditRouter({ credit }: ReturnType<typeof analyticsServices>): Router {
  const router = Router();
  router.get('/credit/buyers', async (req, res) => {
    res.json({ buyers: await credit.list(req.query) });
  });
  router.put('/credit/buyers/:buyerId/override', async (req, res) => {
    res.json({ buyer: await credit.set(actorOf(res), parseInput(buyerId, req.params.buyerId), req.body) });
  });
  router.delete('/credit/buyers/:buyerId/override', async (req, res) => {
    res.json({ buyer: await credit.clear(actorOf(res), parseInput(buyerId, req.params.buyerId), req.body) });
  });
  return router;
}
