// `/api/desk`: read routes for the web desk (queue, one handoff preloaded) and supervisor-managed canned
// responses. Real-time work goes through the /desk namespace.
import express, { Router } from 'express';
import { z } from 'zod';
import { Agent } from '../models';
import { parseInput } from '../models/validate';
import { requireAgent } from './auth';
import type { DeskContext } from './context';
import { handoffView } from './handoff-view';
import { deskServices } from './services';

const idParam = z.coerce.number().int().positive();

export function deskRouter(ctx: DeskContext): Router {
  const { handoffs, canned } = deskServices(ctx);
  const secret = ctx.config.desk.secret;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  router.use(requireAgent(secret));

  router.get('/queue', async (_req, res) => {
    const rows = [...(await handoffs.queue()), ...(await handoffs.held(res.locals.agent))];
    res.json({ handoffs: await Promise.all(rows.map(async (h) => handoffView(ctx.domain, h, await handoffs.involvesCancellation(h)))) });
  });

  router.get('/handoffs/:id', async (req, res) => {
    const h = await handoffs.get(parseInput(idParam, req.params.id));
    res.json({ handoff: await handoffView(ctx.domain, h, await handoffs.involvesCancellation(h)) });
  });

  router.get('/canned', async (req, res) => {
    const lang = typeof req.query.lang === 'string' ? req.query.lang : undefined;
    res.json({ canned: await canned.list(lang) });
  });

  router.get('/agents', requireAgent(secret, 'supervisor'), async (_req, res) => {
    res.json({ agents: await Agent.findAll({ attributes: ['id', 'email', 'name', 'role', 'maxChats'], order: [['id', 'ASC']] }) });
  });

  router.post('/canned', requireAgent(secret, 'supervisor'), async (req, res) => {
    res.status(201).json({ canned: await canned.save(res.locals.agent, req.body) });
  });
  router.put('/canned/:id', requireAgent(secret, 'supervisor'), async (req, res) => {
    res.json({ canned: await canned.save(res.locals.agent, req.body, parseInput(idParam, req.params.id)) });
  });
  router.delete('/canned/:id', requireAgent(secret, 'supervisor'), async (req, res) => {
    await canned.remove(res.locals.agent, parseInput(idParam, req.params.id));
    res.status(204).end();
  });
  return router;
}
