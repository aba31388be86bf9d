// Composition of the HTTP + Socket.IO server over one Domain. Routers and namespaces are mounted here only.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { Server as SocketServer, type ServerOptions as SocketOptions } from 'socket.io';
import type { Domain } from '../models';
import type { Config } from './config';
import { errorHandler } from './http-errors';
import type { Logger } from './logger';
import { startJobs } from './jobs';
import { platformRouter } from './platform/router';
import { widgetAssets } from '../bot/widget-assets';
import { attachWidget } from '../bot/widget/namespace';
import { demoTokenRouter } from '../bot/demo/token-route';
import { authRouter } from '../desk/auth-router';
import { attachDesk } from '../desk/namespace';
import { deskRouter } from '../desk/rest-router';
import { supervisorRouter } from '../desk/supervisor/router';
import { IntentsRuntime, type IntentsRuntimeOptions } from './intents-runtime';
import { supervisorJobs } from './supervisor-jobs';
import { RECOVERY_WINDOW_MS, TrimmedSessionAdapter } from './recovery-adapter';
import { deskAssets } from '../desk/ui-assets';

type ServerAdapterFactory = NonNullable<Partial<SocketOptions>['adapter']>;

export interface ServerContext {
  config: Config;
  domain: Domain;
  logger: Logger;
}

export interface KadeskServer {
  app: express.Express;
  http: http.Server;
  io: SocketServer;
  listen(port?: number, host?: string): Promise<number>;
  /** Loads (or, on a fresh install, trains) the intent model now rather than on the first buyer message. */
  warmUp(): Promise<void>;
  /** Stops taking work, lets in-flight requests finish, closes sockets; the caller closes the domain. */
  close(): Promise<void>;
}

function healthRouter({ domain }: ServerContext): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const started = process.hrtime.bigint();
    try {
      await domain.db.sequelize.query('SELECT 1');
      const latencyMs = Number(process.hrtime.bigint() - started) / 1e6;
      res.json({ status: 'ok', database: { status: 'ok', dialect: domain.db.dialect, latencyMs: Math.round(latencyMs * 100) / 100 } });
    } catch (err) {
      res.status(503).json({ status: 'degraded', database: { status: 'down', dialect: domain.db.dialect, error: String(err) } });
    }
  });
  return router;
}

export interface ServerOptions {
  /** A Socket.IO adapter factory (Redis streams) so that several nodes share rooms and recovery sessions. */
  adapter?: ServerAdapterFactory;
  /** Where the intents model lives (default KADESK_MODEL_DIR or data/models) and, for tests, a small seed set. */
  intents?: IntentsRuntimeOptions;
}

export function createServer(ctx: ServerContext, options: ServerOptions = {}): KadeskServer {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(healthRouter(ctx));
  app.use('/api/platform', platformRouter(ctx));
  app.use('/api/auth', authRouter(ctx));
  app.use('/api/desk', deskRouter(ctx));
  // One engine for the bot and the supervisors: a version activated there answers the bot's next message.
  const intents = new IntentsRuntime(ctx.domain, options.intents ?? { modelDir: process.env.KADESK_MODEL_DIR ?? 'data/models' });
  const supervisor = supervisorRouter({ ...ctx, intents });
  app.use('/api/supervisor', supervisor.router);
  if (ctx.config.demo) app.use(demoTokenRouter(ctx));
  app.use(widgetAssets({ demo: ctx.config.demo, warn: (message) => ctx.logger.warn(message) }));
  app.use(deskAssets({ warn: (message) => ctx.logger.warn(message) }));
  app.use((_req, res) => res.status(404).json({ error: { code: 'NOT_FOUND', message: 'No such route' } }));
  app.use(errorHandler(ctx.logger));

  const server = http.createServer(app);
  const io = new SocketServer(server, {
    adapter: options.adapter ?? TrimmedSessionAdapter,
    connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
  });
  attachWidget(io, { ...ctx, nlu: intents.engine });
  attachDesk(io, ctx);
  const jobs = startJobs(ctx, supervisorJobs(ctx, intents));

  return {
    app,
    http: server,
    io,
    warmUp: async () => {
      await intents.engine();
    },
    listen: (port = ctx.config.port, host = ctx.config.host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: async () => {
      jobs.stop();
      // io.close() disconnects every socket and closes the HTTP server, which waits for in-flight requests.
      await new Promise<void>((resolve) => io.close(() => resolve()));
      server.closeIdleConnections();
      await jobs.idle();
      await supervisor.lifecycle.idle();
    },
  };
}
