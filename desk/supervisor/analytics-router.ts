// `/api/supervisor/analytics`: cancellation views, the reason report as CSV, service metrics.
import { Router } from 'express';
import type { analyticsServices } from './services';

export function analyticsRouter({ cancellations, service }: ReturnType<typeof analyticsServices>): Router {
  const router = Router();
  router.get('/analytics/cancellations/rates', async (req, res) => {
    res.json(await cancellations.rates(req.query));
  });
  router.get('/analytics/cancellations/heatmap', async (req, res) => {
    res.json(await cancellations.heatmap(req.query));
  });
  router.get('/analytics/cancellations/reasons', async (req, res) => {
    res.json(await cancellations.reasons(req.query));
  });
  router.get('/analytics/cancellations/reasons.csv', async (req, res) => {
    const csv = await cancellations.reasonsCsv(req.query);
    res.type('text/csv; charset=utf-8').attachment('cancellation-reasons.csv').send(csv);
  });
  router.get('/analytics/cancellations/alerts', async (req, res) => {
    res.json(await cancellations.alerts(req.query));
  });
  router.get('/analytics/service', async (req, res) => {
    res.json(await service.metrics(req.query));
  });
  return router;
}
