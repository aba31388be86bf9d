// GET /demo/token?buyer=<id> (demo mode only): signs a widget token for a demo buyer, as a host store would
// for its logged-in user, and gives that buyer orders in every stage to talk about.
import { Router } from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { DomainError } from '../../models';
import type { BotContext } from '../context';
import { ensureDemoOrders } from './demo-orders';

const query = z.object({ buyer: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'buyer: 1–64 letters, digits, _ or -') });
const TOKEN_TTL_SECONDS = 2 * 3600;

export function demoTokenRouter({ config, domain }: Pick<BotContext, 'config' | 'domain'>): Router {
  const router = Router();
  router.get('/demo/token', async (req, res, next) => {
    try {
      const parsed = query.safeParse(req.query);
      if (!parsed.success) throw new DomainError('VALIDATION_FAILED', parsed.error.issues[0]?.message);
      const buyer = await domain.catalog.ensureBuyer({ externalId: parsed.data.buyer, name: `Demo ${parsed.data.buyer}` });
      const orders = await ensureDemoOrders(domain, buyer);
      const token = jwt.sign({ sub: buyer.externalId, name: buyer.name ?? undefined }, config.widgetSecret, { algorithm: 'HS256', expiresIn: TOKEN_TTL_SECONDS });
      res.json({
        token,
        expiresIn: TOKEN_TTL_SECONDS,
        buyer: { externalId: buyer.externalId, name: buyer.name },
        orders: orders.map((o) => ({ orderNo: o.orderNo, status: o.status, amountCents: o.amountCents, revealed: o.revealedAt !== null })),
      });
    } catch (err) {
      next(err);
    }
  });
  return router;
}
