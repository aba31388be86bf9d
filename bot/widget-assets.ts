// Serves the built buyer widget (`/widget.js`, built by `npm run build:widget`) and, in demo mode, the demo
// 卡盟 store page (`/`) with its order list (`/demo/orders`). A missing build is reported, never a crash.
import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { z } from 'zod';
import { Buyer, DomainError, recentOrders } from '../models';

const UI_DIR = path.join(__dirname, 'widget-ui');
export const WIDGET_BUILD = path.join(UI_DIR, 'dist', 'widget.js');
const NOT_BUILT = 'The buyer widget is not built: run `npm run build:widget` (npm install does it via prepare)';

export interface WidgetAssetsOptions {
  demo: boolean;
  warn(message: string): void;
}

const demoQuery = z.object({
  buyer: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - (1–64)').default('demo-buyer'),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});

function parseDemoQuery(query: unknown) {
  const parsed = demoQuery.safeParse(query);
  if (!parsed.success) {
    throw new DomainError('VALIDATION_FAILED', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

function demoRoutes(router: Router): void {
  const template = fs.readFileSync(path.join(UI_DIR, 'demo-store.html'), 'utf8');
  router.get('/', (req, res) => {
    const { buyer, lang } = parseDemoQuery(req.query);
    // Both values are restricted to [A-Za-z0-9_-] by the schema, so they are inert in HTML and JS strings.
    res.type('html').send(template.replaceAll('__BUYER__', buyer).replaceAll('__LANG__', lang));
  });
  router.get('/demo/orders', async (req, res) => {
    const { buyer } = parseDemoQuery(req.query);
    const row = await Buyer.findOne({ where: { externalId: buyer } });
    if (!row) throw new DomainError('BUYER_NOT_FOUND', undefined, { buyer });
    const orders = await recentOrders(row.id, 20);
    res.json({
      orders: orders.map((o) => ({ orderNo: o.orderNo, status: o.status, amountCents: o.amountCents, quantity: o.quantity, createdAt: o.createdAt, productName: o.product?.name ?? null })),
    });
  });
}

export function widgetAssets(options: WidgetAssetsOptions): Router {
  const router = Router();
  if (!fs.existsSync(WIDGET_BUILD)) options.warn(NOT_BUILT);
  router.get(['/widget.js', '/widget.js.map'], (req, res) => {
    const file = path.join(path.dirname(WIDGET_BUILD), path.basename(req.path));
    if (!fs.existsSync(file)) {
      res.status(503).json({ error: { code: 'WIDGET_NOT_BUILT', message: NOT_BUILT } });
      return;
    }
    res.set('Cache-Control', 'public, max-age=300').sendFile(file);
  });
  if (options.demo) demoRoutes(router);
  return router;
}
