// Configuration from the environment, validated once at startup; everything else receives a Config.
import { z } from 'zod';
import type { DeskConfig } from '../desk/context';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().min(1).optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'a redis:// URL').optional(),
  KADESK_DB_FILE: z.string().default('data/kadesk.sqlite'),
  KADESK_DEMO: bool.optional(),
  PLATFORM_API_KEY: z.string().min(16).optional(),
  WEBHOOK_URL: z.url().optional(),
  WEBHOOK_SECRET: z.string().min(16).optional(),
  PAYMENT_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  WIDGET_SECRET: z.string().min(16).optional(),
  HANDOFF_AMOUNT_LIMIT: z.coerce.number().positive().default(500),
  WIDGET_RATE_POINTS: z.coerce.number().int().min(1).default(10),
  WIDGET_RATE_SECONDS: z.coerce.number().int().min(1).default(10),
  PAY_URL_TEMPLATE: z.string().includes('{orderNo}').default('https://store.example.com/pay/{orderNo}'),
  DESK_SECRET: z.string().min(16).optional(),
  DESK_FIRST_REPLY_MINUTES: z.coerce.number().positive().default(5),
  DESK_REASSIGN_MINUTES: z.coerce.number().positive().default(10),
  DESK_GRACE_SECONDS: z.coerce.number().positive().default(60),
  DESK_AUTO_ASSIGN: bool.default(false),
  DESK_BUSINESS_HOURS: z
    .string()
    .regex(/^([01]\d|2[0-4]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM-HH:MM')
    .default('09:00-22:00'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  env: string;
  port: number;
  host: string;
  databaseUrl: string;
  /** Set when several nodes share Socket.IO rooms and sessions through Redis. */
  redisUrl: string | null;
  /** Demo mode: demo tokens, printed demo credentials. On by default, off in production. */
  demo: boolean;
  platformApiKey: string;
  webhookUrl: string | null;
  webhookSecret: string;
  paymentTtlMinutes: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** HS256 secret of the buyer JWTs the host store signs for the chat widget. */
  widgetSecret: string;
  /** Cancellations of orders above this amount go to a human instead of the bot. */
  handoffAmountLimitCents: number;
  /** Per-buyer widget message budget: `points` messages per `seconds`. */
  widgetRateLimit: { points: number; seconds: number };
  /** The store's payment page for an order; `{orderNo}` is replaced. */
  payUrlTemplate: string;
  /** The live-agent desk: token secret, SLA timings, business hours (China time). */
  desk: DeskConfig;
}

/** Fixed demo secrets: fine for `npm start` on a laptop, refused in production. */
export const DEMO_PLATFORM_API_KEY = 'kadesk-demo-platform-key-0001';
const DEMO_WEBHOOK_SECRET = 'kadesk-demo-webhook-secret-0001';
export const DEMO_WIDGET_SECRET = 'kadesk-demo-widget-secret-0001';
const DEMO_DESK_SECRET = 'kadesk-demo-desk-secret-0001';

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demo = e.KADESK_DEMO ?? !production;
  if (production && (!e.PLATFORM_API_KEY || !e.WIDGET_SECRET || !e.DESK_SECRET || (e.WEBHOOK_URL && !e.WEBHOOK_SECRET))) {
    throw new Error('Invalid configuration: production needs PLATFORM_API_KEY, WIDGET_SECRET, DESK_SECRET (and WEBHOOK_SECRET with WEBHOOK_URL)');
  }
  const [open, close] = e.DESK_BUSINESS_HOURS.split('-').map(minutesOf) as [number, number];
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? e.KADESK_DB_FILE,
    redisUrl: e.REDIS_URL ?? null,
    demo,
    platformApiKey: e.PLATFORM_API_KEY ?? DEMO_PLATFORM_API_KEY,
    webhookUrl: e.WEBHOOK_URL ?? null,
    webhookSecret: e.WEBHOOK_SECRET ?? DEMO_WEBHOOK_SECRET,
    paymentTtlMinutes: e.PAYMENT_TTL_MINUTES,
    logLevel: e.LOG_LEVEL,
    widgetSecret: e.WIDGET_SECRET ?? DEMO_WIDGET_SECRET,
    handoffAmountLimitCents: Math.round(e.HANDOFF_AMOUNT_LIMIT * 100),
    widgetRateLimit: { points: e.WIDGET_RATE_POINTS, seconds: e.WIDGET_RATE_SECONDS },
    payUrlTemplate: e.PAY_URL_TEMPLATE,
    desk: {
      secret: e.DESK_SECRET ?? DEMO_DESK_SECRET,
      timings: { firstReplyMs: e.DESK_FIRST_REPLY_MINUTES * 60_000, reassignMs: e.DESK_REASSIGN_MINUTES * 60_000, graceMs: e.DESK_GRACE_SECONDS * 1000 },
      businessHours: { open, close },
      secureCookie: production,
      autoAssign: e.DESK_AUTO_ASSIGN,
    },
  };
}
