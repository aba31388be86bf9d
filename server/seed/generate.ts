// Generates the demo orders in time order, in batches the writer inserts one transaction at a time, then the
// card-key stock left on the shelves. Ids are assigned here (catalog rows are numbered from 1 in list order).
import type { Actor } from '../../models/actor';
import type { CreditPolicy } from '../../models/credit-policy';
import type { DemoBuyer } from './buyers';
import { isWeekendEvening, OrderCalendar, orderNumber } from './calendar';
import { makeKey } from './card-keys';
import type { DemoMerchant, DemoProduct } from './catalog';
import { CreditTimeline } from './credit-timeline';
import { live } from './fates';
import { emptyRows, Ids, OrderStory, StoryRows } from './order-story';
import { Random, WeightedTable } from './random';

const DAY = 86_400_000;
const WEEK = 7 * DAY;

export interface GenerateOptions {
  orders: number;
  now: Date;
  random: Random;
  merchants: readonly DemoMerchant[];
  products: readonly DemoProduct[];
  buyers: readonly DemoBuyer[];
  policy: CreditPolicy;
  paymentTtlMinutes: number;
  batchOrders: number;
  /** Available keys left per stock product after the history, so the demo keeps selling. */
  stockLeft: number;
}

/** Each abusive buyer's scripted orders in the last weeks: enough to cross the credit policy's thresholds. */
const ABUSE_ORDERS_PER_BUYER = 10;
const ABUSE_WINDOW_DAYS = 20;
const ABUSE_SKUS = ['QB-100', 'WZ-100', 'STEAM-100'];

interface Skeleton {
  at: Float64Array;
  buyer: Int32Array;
  product: Int16Array;
  abuse: Uint8Array;
}

function skeletons(o: GenerateOptions, calendar: OrderCalendar): Skeleton {
  const r = o.random;
  const abusers = o.buyers.flatMap((b, i) => (b.abusive ? [i] : []));
  const scripted = Math.min(abusers.length * ABUSE_ORDERS_PER_BUYER, Math.floor(o.orders / 10));
  const n = o.orders;
  const at = new Float64Array(n);
  const buyer = new Int32Array(n);
  const product = new Int16Array(n);
  const abuse = new Uint8Array(n);
  const buyerTable = new WeightedTable(o.buyers.map((b) => b.activity));
  const productTable = new WeightedTable(o.products.map((p) => p.popularity));
  const abuseProducts = ABUSE_SKUS.map((sku) => o.products.findIndex((p) => p.sku === sku));
  const now = o.now.getTime();
  for (let i = 0; i < n; i += 1) {
    if (i < scripted) {
      at[i] = now - 2 * 3_600_000 - r.float() * ABUSE_WINDOW_DAYS * DAY;
      buyer[i] = abusers[i % abusers.length]!;
      product[i] = r.pick(abuseProducts);
      abuse[i] = 1;
    } else {
      at[i] = calendar.sample(r);
      buyer[i] = buyerTable.sample(r);
      product[i] = productTable.sample(r);
    }
  }
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => at[a]! - at[b]! || a - b);
  return {
    at: Float64Array.from(order, (i) => at[i]!),
    buyer: Int32Array.from(order, (i) => buyer[i]!),
    product: Int16Array.from(order, (i) => product[i]!),
    abuse: Uint8Array.from(order, (i) => abuse[i]!),
  };
}

export function* generateOrders(o: GenerateOptions): Generator<StoryRows> {
  const r = o.random;
  const now = o.now.getTime();
  const calendar = new OrderCalendar(now);
  const s = skeletons(o, calendar);
  const ids = new Ids();
  const merchantActors: Actor[] = o.merchants.map((m) => ({ type: 'merchant', id: m.code }));
  const buyerActors: Actor[] = o.buyers.map((b) => ({ type: 'buyer', id: b.externalId }));
  const credit = o.buyers.map(() => new CreditTimeline(o.policy));
  const keyFor = (p: DemoProduct) => () => makeKey(p.keyFormat, ids.peek('cardKeys'), r);
  // Stock arrives in weekly loads, the day before each week of sales.
  const loadedAt = (t: number) => new Date(calendar.start - DAY + Math.floor((t - calendar.start) / WEEK) * WEEK);

  let rows = emptyRows();
  for (let i = 0; i < s.at.length; i += 1) {
    const t = Math.floor(s.at[i]!);
    const b = s.buyer[i]!;
    const p = o.products[s.product[i]!]!;
    const story = new OrderStory(
      ids,
      rows,
      { id: s.product[i]! + 1, merchantId: p.merchantIndex + 1, fulfilment: p.fulfilment, priceCents: p.priceCents },
      { orderNo: orderNumber(t, i), buyerId: b + 1, quantity: r.chance(0.08) ? 2 : 1, at: new Date(t), paymentTtlMinutes: o.paymentTtlMinutes },
    );
    story.created(buyerActors[b]!, p.fulfilment === 'stock' ? keyFor(p) : null, loadedAt(t));
    live(story, {
      random: r,
      now,
      buyer: { actor: buyerActors[b]!, abusive: o.buyers[b]!.abusive },
      credit: credit[b]!,
      product: {
        fulfilment: p.fulfilment,
        deliveryMinutes: p.deliveryMinutes,
        oversold: p.oversold === true,
        gameCard: p.type === 'game_card',
        merchant: merchantActors[p.merchantIndex]!,
      },
      weekendEvening: isWeekendEvening(t),
      abuse: s.abuse[i] === 1,
      supplyKey: keyFor(p),
    });
    if (rows.orders.length >= o.batchOrders) {
      yield rows;
      rows = emptyRows();
    }
  }
  const restockedAt = new Date(now - DAY);
  o.products.forEach((p, index) => {
    if (p.fulfilment !== 'stock') return;
    for (let k = 0; k < o.stockLeft; k += 1) {
      const text = makeKey(p.keyFormat, ids.peek('cardKeys'), r);
      rows.cardKeys.push({
        id: ids.take('cardKeys'),
        productId: index + 1,
        ...text,
        status: 'available',
        orderId: null,
        reservedAt: null,
        deliveredAt: null,
        revealedAt: null,
        revokedCount: 0,
        createdAt: restockedAt,
        updatedAt: restockedAt,
      });
    }
  });
  yield rows;
}
