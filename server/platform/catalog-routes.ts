// Catalog endpoints: idempotent upserts keyed by the store's own identifiers, and card-key stock imports.
import { Router } from 'express';
import type { Domain } from '../../models';
import { createdOr200, route } from './handler';
import * as s from './schemas';
import { buyerView, merchantView, productView } from './views';

export function catalogRoutes(domain: Domain): Router {
  const router = Router();
  const { catalog } = domain;

  router.put(
    '/merchants/:code',
    route({ params: s.merchantPath, body: s.merchantBody }, async ({ params, body }) => {
      const { record, outcome } = await catalog.upsertMerchant({ ...body, code: params.code });
      return { status: createdOr200(outcome === 'created'), body: { replayed: outcome === 'unchanged', outcome, merchant: merchantView(record) } };
    }),
  );

  router.put(
    '/products/:sku',
    route({ params: s.productPath, body: s.productBody }, async ({ params, body }) => {
      const { record, outcome } = await catalog.upsertProduct({ ...body, sku: params.sku });
      return { status: createdOr200(outcome === 'created'), body: { replayed: outcome === 'unchanged', outcome, product: await productView(record) } };
    }),
  );

  router.post(
    '/products/:sku/card-keys',
    route({ params: s.productPath, body: s.cardKeysBody }, async ({ params, body }) => {
      const r = await catalog.importCardKeys({ ...body, sku: params.sku });
      return {
        status: createdOr200(r.imported > 0),
        body: { replayed: r.imported === 0, imported: r.imported, skipped: r.skipped.length, skippedSerials: r.skipped.slice(0, 100), available: r.available },
      };
    }),
  );

  router.put(
    '/buyers/:externalId',
    route({ params: s.buyerPath, body: s.buyerBody }, async ({ params, body }) => {
      const { record, outcome } = await catalog.upsertBuyer({ ...body, externalId: params.externalId });
      return { status: createdOr200(outcome === 'created'), body: { replayed: outcome === 'unchanged', outcome, buyer: buyerView(record) } };
    }),
  );

  return router;
}
