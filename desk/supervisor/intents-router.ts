// `/api/supervisor`: training utterances, the tuning inbox, the audit. Relabelling is mounted separately (agents
// may use it); everything here is behind the supervisor role.
import { Router } from 'express';
import { z } from 'zod';
import { listAudit } from '../../models/supervisor-audit';
import { parseInput } from '../../models/validate';
import { actorOf } from './actor';
import type { SupervisorIntents } from './context';
import type { tuningServices } from './services';

const messageId = z.coerce.number().int().positive();
const langQuery = z.object({ lang: z.string().optional() }).strict();

export function intentsRouter(intents: SupervisorIntents, { utterances, inbox }: ReturnType<typeof tuningServices>): Router {
  const router = Router();

  router.get('/intents', async (_req, res) => {
    const engine = await intents.engine();
    res.json({ intents: await utterances.overview(), threshold: engine.threshold, activeVersion: engine.version });
  });
  router.get('/intents/:intent/utterances', async (req, res) => {
    const { lang } = parseInput(langQuery, req.query);
    res.json({ intent: req.params.intent, utterances: await utterances.list(req.params.intent, lang) });
  });
  router.post('/utterances', async (req, res) => {
    res.status(201).json({ utterance: await utterances.add(actorOf(res), req.body) });
  });
  router.patch('/utterances/:id', async (req, res) => {
    res.json({ utterance: await utterances.edit(actorOf(res), req.params.id, req.body) });
  });
  router.delete('/utterances/:id', async (req, res) => {
    await utterances.remove(actorOf(res), req.params.id);
    res.json({ deleted: req.params.id });
  });

  router.get('/inbox', async (req, res) => {
    res.json({ items: await inbox.list(req.query) });
  });
  router.post('/inbox/:messageId/add', async (req, res) => {
    res.status(201).json(await inbox.add(actorOf(res), parseInput(messageId, req.params.messageId), req.body ?? {}));
  });
  router.post('/inbox/:messageId/dismiss', async (req, res) => {
    res.json({ item: await inbox.dismiss(actorOf(res), parseInput(messageId, req.params.messageId)) });
  });

  router.get('/audit', async (req, res) => {
    res.json({ audit: await listAudit(req.query) });
  });
  return router;
}
