// `kadesk start`: migrate, seed demo data into an empty database, serve, and shut down cleanly on Ctrl-C.
import { openDomain } from '../../models';
import { createServer } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { connectRedisAdapter } from '../socket-adapter';
import { isEmpty, seedDemo } from '../seed';
import { AgentService } from '../../models/agent-service';
import { ensureDemoAgents } from '../../desk/demo-agents';
import { tuneGarbageCollector } from '../gc-tuning';

export async function start(): Promise<number> {
  tuneGarbageCollector();
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const domain = await openDomain({
    databaseUrl: config.databaseUrl,
    webhooks: Boolean(config.webhookUrl),
    paymentTtlMinutes: config.paymentTtlMinutes,
  });
  if (config.demo && (await isEmpty(domain))) {
    logger.info('empty database: seeding demo data');
    const summary = await seedDemo(domain, { log: (line) => logger.info(line) });
    logger.info({ summary }, 'demo data ready');
  }
  const deskLogins = config.demo ? await ensureDemoAgents(new AgentService({ clock: domain.clock })) : [];
  const redis = config.redisUrl ? await connectRedisAdapter(config.redisUrl) : null;
  const server = createServer({ config, domain, logger }, { adapter: redis?.adapter });
  const started = Date.now();
  await server.warmUp();
  logger.info({ ms: Date.now() - started }, 'intent model ready');
  const port = await server.listen();
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    `KaDesk is running (${domain.db.dialect}${domain.db.dialect === 'sqlite' ? `: ${config.databaseUrl}` : ''}${redis ? ', Redis adapter' : ''})`,
    `  health        ${base}/healthz`,
    `  agent desk    ${base}/desk`,
    `  platform API  ${base}/api/platform`,
  ];
  if (config.demo) lines.splice(2, 0, `  demo store    ${base}/  (the buyer widget is the chat bubble)`);
  if (config.demo) lines.push('', 'Demo credentials:', `  platform API key  ${config.platformApiKey}`, '  desk (POST /api/auth/login, email / password):', ...deskLogins);
  process.stdout.write(`${lines.join('\n')}\n\n`);

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) {
        logger.warn('forced exit');
        process.exit(1);
      }
      stopping = true;
      logger.info({ signal }, 'shutting down: finishing in-flight requests');
      server
        .close()
        .then(() => redis?.close())
        .then(() => domain.close())
        .then(() => {
          logger.info('bye');
          resolve(0);
        })
        .catch((err) => {
          logger.error({ err }, 'unclean shutdown');
          resolve(1);
        });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}
