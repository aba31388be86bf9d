// A real server for the supervisor API tests: a fresh database, a model directory of its own, and (for the
// retrain tests) a small seed training set so that training and cross-validation take well under a second.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Example } from '../../intents';
import { Merchant, Product, type ProductType } from '../../models';
import { createServer } from '../../server/app';
import { loadConfig } from '../../server/config';
import { createLogger } from '../../server/logger';
import type { Harness } from '../bot/widget-harness';
import { openTestDomain } from '../helpers/domain';

export interface SupervisorHarness extends Harness {
  modelDir: string;
}

export async function startSupervisorHarness(dialect: 'sqlite' | 'postgres', seed?: Example[]): Promise<SupervisorHarness> {
  const d = await openTestDomain(dialect);
  const config = loadConfig({ NODE_ENV: 'test', KADESK_DEMO: '1', WIDGET_RATE_POINTS: '50' });
  const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kadesk-supervisor-models-'));
  const server = createServer({ config, domain: d, logger: createLogger('silent') }, { intents: { modelDir, folds: 2, ...(seed ? { seed: () => seed } : {}) } });
  const port = await server.listen(0, '127.0.0.1');
  return {
    d,
    config,
    server,
    url: `http://127.0.0.1:${port}`,
    modelDir,
    close: async () => {
      await server.close();
      await d.teardown();
      fs.rmSync(modelDir, { recursive: true, force: true });
    },
  };
}

export interface ApiAnswer {
  status: number;
  body: any;
  text: string;
  type: string | null;
}

export async function api(h: Harness, token: string | undefined, method: string, url: string, body?: unknown): Promise<ApiAnswer> {
  const res = await fetch(`${h.url}/api/supervisor${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  // Keep a byte-order mark if there is one (res.text() would drop it): the CSV export sends one on purpose.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
  const type = res.headers.get('content-type');
  return { status: res.status, text, type, body: type?.includes('json') ? JSON.parse(text) : null };
}

let sku = 0;

/** A merchant-fulfilled product (no card-key stock needed) of a given type and brand. */
export async function makeProduct(merchant: Merchant, type: ProductType, brand: string, priceCents = 9_800): Promise<Product> {
  sku += 1;
  return Product.create({
    sku: `SV-${sku}-${Date.now()}`,
    merchantId: merchant.id,
    type,
    brand,
    name: `${brand} ${sku}`,
    faceValueCents: 10_000,
    priceCents,
    platform: null,
    region: null,
    operator: null,
    validityDays: null,
    deliveryMinutes: 5,
    fulfilment: 'merchant',
    faq: [],
    aliases: [],
  });
}

export const makeMerchant = (code: string, name: string) => Merchant.create({ code: `${code}-${Date.now()}`, name });
