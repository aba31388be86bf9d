// Serves the built web desk (`npm run build:desk`, run by `npm install` through prepare): the page at `/desk`
// and its hashed assets under `/desk/assets/`. A missing build is reported, never a crash.
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

const DIST = path.join(__dirname, 'ui', 'dist');
export const DESK_PAGE = path.join(DIST, 'index.html');
const NOT_BUILT = 'The web desk is not built: run `npm run build:desk` (npm install does it via prepare)';

export function deskAssets(options: { warn(message: string): void }): Router {
  const router = Router();
  if (!fs.existsSync(DESK_PAGE)) options.warn(NOT_BUILT);
  // File names carry a content hash, so they never change under a URL.
  router.use('/desk/assets', express.static(path.join(DIST, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: true }));
  router.get('/desk', (_req, res) => {
    if (!fs.existsSync(DESK_PAGE)) {
      res.status(503).json({ error: { code: 'DESK_NOT_BUILT', message: NOT_BUILT } });
      return;
    }
    // The page itself is tiny and must always name the newest assets.
    res.set('Cache-Control', 'no-cache').sendFile(DESK_PAGE);
  });
  return router;
}
