// Opens a migrated domain on a fresh test database with a manual clock and a small catalog to trade in.
import { ManualClock, openDomain, Domain, Buyer, Merchant, Product, CardKey, DomainOptions } from '../../models';
import { createTestDatabase, TestDatabase } from './databases';

export interface TestDomain extends Domain {
  clock: ManualClock;
  testDb: TestDatabase;
  teardown(): Promise<void>;
}

export async function openTestDomain(dialect: 'sqlite' | 'postgres', options: Partial<DomainOptions> = {}): Promise<TestDomain> {
  const testDb = await createTestDatabase(dialect);
  const clock = new ManualClock();
  const domain = await openDomain({ databaseUrl: testDb.url, clock, ...options });
  return {
    ...domain,
    clock,
    testDb,
    teardown: async () => {
      await domain.close();
      await testDb.drop();
    },
  };
}

export async function makeCatalog(opts: { keys?: number; fulfilment?: 'stock' | 'merchant'; priceCents?: number } = {}) {
  const merchant = await Merchant.create({ code: `m${Math.random().toString(36).slice(2, 8)}`, name: '星辰卡行' });
  const product = await Product.create({
    sku: `QB-${Math.random().toString(36).slice(2, 8)}`,
    merchantId: merchant.id,
    type: 'game_card',
    brand: '腾讯Q币',
    name: '腾讯Q币 100元',
    faceValueCents: 10_000,
    priceCents: opts.priceCents ?? 9_800,
    platform: 'QQ',
    region: null,
    operator: null,
    validityDays: 365,
    deliveryMinutes: 5,
    fulfilment: opts.fulfilment ?? 'stock',
    faq: [{ q: '怎么充值', a: '登录 pay.qq.com 输入卡号卡密' }],
    aliases: ['Q币', 'QB'],
  });
  const keys = opts.keys ?? 10;
  if (keys > 0) {
    await CardKey.bulkCreate(
      Array.from({ length: keys }, (_, i) => ({
        productId: product.id,
        serial: `SN${product.id}-${i}`,
        secret: `SECRET${product.id}x${i}xyz`,
        status: 'available' as const,
        orderId: null,
        reservedAt: null,
        deliveredAt: null,
        revealedAt: null,
      })),
    );
  }
  const buyer = await Buyer.create({ externalId: `b-${Math.random().toString(36).slice(2, 10)}`, name: '小王', phone: null });
  return { merchant, product, buyer };
}

export const makeBuyer = (name = '买家') =>
  Buyer.create({ externalId: `b-${Math.random().toString(36).slice(2, 10)}`, name, phone: null });
