// models/: persistence and the domain. `openDomain` is the composition the rest of the system uses.
import { CatalogService } from './catalog-service';
import type { Clock } from './clock';
import { systemClock } from './clock';
import { CompensationService } from './compensation-service';
import { CreditService } from './credit-service';
import { CreditPolicy, DEFAULT_CREDIT_POLICY } from './credit-policy';
import { Database, openDatabase } from './db';
import { DomainEventBus } from './events';
import { migrate } from './migrator';
import { OrderService } from './order-service';
import { initModels } from './tables';

export interface DomainOptions {
  databaseUrl: string;
  clock?: Clock;
  creditPolicy?: CreditPolicy;
  paymentTtlMinutes?: number;
  webhooks?: boolean;
  migrate?: boolean;
  log?: (sql: string) => void;
}

export interface Domain {
  db: Database;
  clock: Clock;
  events: DomainEventBus;
  credit: CreditService;
  orders: OrderService;
  compensation: CompensationService;
  catalog: CatalogService;
  close(): Promise<void>;
}

export async function openDomain(options: DomainOptions): Promise<Domain> {
  const db = await openDatabase({ url: options.databaseUrl, log: options.log });
  initModels(db.sequelize);
  if (options.migrate !== false) await migrate(db.sequelize);
  const clock = options.clock ?? systemClock;
  const events = new DomainEventBus();
  const credit = new CreditService(clock, options.creditPolicy ?? DEFAULT_CREDIT_POLICY);
  const txDeps = { db, clock, events, webhooks: options.webhooks ?? false };
  const orders = new OrderService({ ...txDeps, credit, paymentTtlMinutes: options.paymentTtlMinutes ?? 15 });
  const compensation = new CompensationService(txDeps);
  return { db, clock, events, credit, orders, compensation, catalog: new CatalogService(db, events), close: () => db.close() };
}

export * from './enums';
export * from './errors';
export * from './tables';
export { ManualClock, systemClock, type Clock } from './clock';
export { type Actor, actorSchema, SYSTEM } from './actor';
export { DEFAULT_CREDIT_POLICY, creditPolicySchema, type CreditPolicy } from './credit-policy';
export type { CreditProfile } from './credit-service';
export { recentOrders, summarize, type OrderSummary } from './order-history';
export * as orderInputs from './order-inputs';
export { CatalogService, catalogInputs, type Upserted, type UpsertOutcome, type CardKeyImport } from './catalog-service';
