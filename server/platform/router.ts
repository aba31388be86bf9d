// The platform API: the store's backend keeps KaDesk's catalog and orders in step with its own.
// Authenticated before the body is read, so anonymous callers cannot make the server parse megabytes.
import express, { Router } from 'express';
import type { ServerContext } from '../app';
import { requireApiKey } from './auth';
import { catalogRoutes } from './catalog-routes';
import { orderRoutes } from './order-routes';

/** Card-key imports of a few thousand keys fit comfortably. */
const BODY_LIMIT = '2mb';

export function platformRouter({ config, domain }: ServerContext): Router {
  const router = Router();
  router.use(requireApiKey(config.platformApiKey));
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(catalogRoutes(domain));
  router.use(orderRoutes(domain));
  return router;
}
