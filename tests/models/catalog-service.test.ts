import { Buyer, CardKey, Merchant, Product } from '../../models';
import { dialects } from '../helpers/databases';
import { openTestDomain, TestDomain } from '../helpers/domain';

async function expectCode(p: Promise<unknown>, code: string) {
  await expect(p).rejects.toMatchObject({ name: 'DomainError', code });
}

const uid = () => Math.random().toString(36).slice(2, 8);

const productInput = (sku: string, merchantCode: string) => ({
  sku,
  merchantCode,
  type: 'game_card' as const,
  brand: '网易一卡通',
  name: '网易一卡通 50元',
  faceValueCents: 5_000,
  priceCents: 4_900,
  platform: 'NetEase',
  faq: [{ q: '在哪充值', a: 'ecard.163.com' }],
  aliases: ['一卡通'],
});

describe.each(dialects())('catalog service on %s', (dialect) => {
  let d: TestDomain;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
  });
  afterAll(() => d.teardown());

  test('merchant upsert: created, then unchanged on a repeat, then updated', async () => {
    const code = `m-${uid()}`;
    const first = await d.catalog.upsertMerchant({ code, name: '星辰卡行' });
    expect(first.outcome).toBe('created');
    const again = await d.catalog.upsertMerchant({ code, name: '星辰卡行' });
    expect(again.outcome).toBe('unchanged');
    expect(again.record.id).toBe(first.record.id);
    const renamed = await d.catalog.upsertMerchant({ code, name: '星辰数码' });
    expect(renamed.outcome).toBe('updated');
    expect((await Merchant.findAll({ where: { code } })).map((m) => m.name)).toEqual(['星辰数码']);
  });

  test('product upsert by SKU: defaults, JSON fields compared by value, merchant by code', async () => {
    const m = await d.catalog.upsertMerchant({ code: `m-${uid()}`, name: 'A' });
    const sku = `NE-${uid()}`;
    const created = await d.catalog.upsertProduct(productInput(sku, m.record.code));
    expect(created.outcome).toBe('created');
    expect(created.record).toMatchObject({ merchantId: m.record.id, fulfilment: 'stock', active: true, deliveryMinutes: 5, description: '' });
    expect((await d.catalog.upsertProduct(productInput(sku, m.record.code))).outcome).toBe('unchanged');
    const cheaper = await d.catalog.upsertProduct({ ...productInput(sku, m.record.code), priceCents: 4_800, aliases: ['一卡通', 'NE'] });
    expect(cheaper.outcome).toBe('updated');
    const stored = await Product.findOne({ where: { sku }, rejectOnEmpty: true });
    expect([stored.priceCents, stored.aliases]).toEqual([4_800, ['一卡通', 'NE']]);

    const other = await d.catalog.upsertMerchant({ code: `m-${uid()}`, name: 'B' });
    const moved = await d.catalog.upsertProduct({ ...productInput(sku, other.record.code), priceCents: 4_800, aliases: ['一卡通', 'NE'] });
    expect(moved.outcome).toBe('updated');
    expect((await Product.findByPk(stored.id))!.merchantId).toBe(other.record.id);
  });

  test('bad input and unknown merchants are typed errors that change nothing', async () => {
    const before = await Product.count();
    await expectCode(d.catalog.upsertProduct(productInput(`X-${uid()}`, 'no-such-merchant')), 'MERCHANT_NOT_FOUND');
    await expectCode(d.catalog.upsertProduct({ ...productInput(`X-${uid()}`, 'm'), priceCents: -1 }), 'VALIDATION_FAILED');
    await expectCode(d.catalog.upsertProduct({ ...productInput('has space', 'm') }), 'VALIDATION_FAILED');
    await expectCode(d.catalog.upsertMerchant({ code: 'a/b', name: 'x' }), 'VALIDATION_FAILED');
    await expectCode(d.catalog.upsertBuyer({ externalId: 'u1', phone: 'call me' }), 'VALIDATION_FAILED');
    expect(await Product.count()).toBe(before);
  });

  test('buyer upsert by the store id; PUT semantics clear omitted fields', async () => {
    const externalId = `u-${uid()}`;
    expect((await d.catalog.upsertBuyer({ externalId, name: '小李', phone: '+86 138 0000 0000' })).outcome).toBe('created');
    expect((await d.catalog.upsertBuyer({ externalId, name: '小李', phone: '+86 138 0000 0000' })).outcome).toBe('unchanged');
    expect((await d.catalog.upsertBuyer({ externalId, name: '小李' })).outcome).toBe('updated');
    expect(await Buyer.findOne({ where: { externalId }, raw: true })).toMatchObject({ name: '小李', phone: null });
  });

  test('card-key import skips serials already in stock and repeated in the request', async () => {
    const m = await d.catalog.upsertMerchant({ code: `m-${uid()}`, name: 'A' });
    const sku = `NE-${uid()}`;
    await d.catalog.upsertProduct(productInput(sku, m.record.code));
    const cards = [1, 2, 3].map((i) => ({ serial: `S${i}`, secret: `P${i}-secret` }));
    const first = await d.catalog.importCardKeys({ sku, cards: [...cards, { serial: 'S1', secret: 'other' }] });
    expect([first.imported, first.skipped, first.available]).toEqual([3, ['S1'], 3]);
    const again = await d.catalog.importCardKeys({ sku, cards: [...cards, { serial: 'S4', secret: 'P4-secret' }] });
    expect([again.imported, again.skipped, again.available]).toEqual([1, ['S1', 'S2', 'S3'], 4]);
    const secrets = await CardKey.findAll({ where: { productId: first.product.id }, order: [['serial', 'ASC']] });
    expect(secrets.map((k) => [k.serial, k.secret, k.status])).toEqual([
      ['S1', 'P1-secret', 'available'],
      ['S2', 'P2-secret', 'available'],
      ['S3', 'P3-secret', 'available'],
      ['S4', 'P4-secret', 'available'],
    ]);
  });

  test('card-key import refuses unknown and merchant-fulfilled products', async () => {
    const m = await d.catalog.upsertMerchant({ code: `m-${uid()}`, name: 'A' });
    const sku = `TOPUP-${uid()}`;
    await d.catalog.upsertProduct({ ...productInput(sku, m.record.code), fulfilment: 'merchant' });
    const cards = [{ serial: 'S1', secret: 'x1' }];
    await expectCode(d.catalog.importCardKeys({ sku: 'NOPE-1', cards }), 'PRODUCT_NOT_FOUND');
    await expectCode(d.catalog.importCardKeys({ sku, cards }), 'PRODUCT_NOT_STOCKED');
    await expectCode(d.catalog.importCardKeys({ sku, cards: [] }), 'VALIDATION_FAILED');
  });

  test('concurrent upserts of one code and imports of one file have one effect', async () => {
    const codes = Array.from({ length: 8 }, () => `m-${uid()}`);
    const merchants = await Promise.all(codes.flatMap((code) => Array.from({ length: 4 }, () => d.catalog.upsertMerchant({ code, name: 'Race' }))));
    expect(merchants.filter((r) => r.outcome === 'created')).toHaveLength(codes.length);
    expect(await Merchant.count({ where: { code: codes } })).toBe(codes.length);
    const code = codes[0]!;

    const sku = `NE-${uid()}`;
    await d.catalog.upsertProduct(productInput(sku, code));
    const cards = Array.from({ length: 50 }, (_, i) => ({ serial: `R${i}`, secret: `secret-${i}` }));
    const imports = await Promise.all(Array.from({ length: 4 }, () => d.catalog.importCardKeys({ sku, cards })));
    expect(imports.map((r) => r.imported).sort((a, b) => b - a)).toEqual([50, 0, 0, 0]);
    const product = await Product.findOne({ where: { sku }, rejectOnEmpty: true });
    expect(await CardKey.count({ where: { productId: product.id } })).toBe(50);
  });

  test('ensureBuyer: a new buyer is created once, a known one is left as is, bad ids change nothing', async () => {
    const externalId = `shop-${uid()}`;
    const created = await Promise.all([1, 2, 3].map(() => d.catalog.ensureBuyer({ externalId, name: '小李' })));
    expect(new Set(created.map((b) => b.id)).size).toBe(1);
    expect((await d.catalog.ensureBuyer({ externalId, name: '别人' })).name).toBe('小李');
    await expectCode(d.catalog.ensureBuyer({ externalId: '' }), 'VALIDATION_FAILED');
    expect(await Buyer.count({ where: { externalId } })).toBe(1);
  });
});
