import { extractEntities } from '../../intents/entities';
import { loadDefaultCatalog, parseCatalog } from '../../intents/entities/catalog';
import { ProductMatcher } from '../../intents/entities/product';
import { IntentsError } from '../../intents/errors';
import { canonicalize } from '../../intents/normalize';

const products = new ProductMatcher(loadDefaultCatalog());
const entities = (text: string) => extractEntities(canonicalize(text), products);

describe('order numbers', () => {
  it('finds KM ids and bare 16–20 digit ids, upper-cased, without repeats', () => {
    expect(entities('km20240101123456789 和 20240101123456789012, 又是KM20240101123456789').orderNumbers).toEqual([
      'KM20240101123456789',
      '20240101123456789012',
    ]);
  });

  it('ignores digit runs of the wrong length', () => {
    expect(entities('KM1234567890123 还有 123456789012345 和 123456789012345678901').orderNumbers).toEqual([]);
  });

  it('reads full-width ids', () => {
    expect(entities('订单ＫＭ２０２４０１０１１２３４５６７８').orderNumbers).toEqual(['KM2024010112345678']);
  });
});

describe('face value and quantity', () => {
  it.each([
    ['充100元话费', 100],
    ['50块的Q币', 50],
    ['￥30', 30],
    ['面值是200', 200],
    ['五十块的网易一卡通', 50],
    ['a 100 yuan card', 100],
  ])('%s → face value %d', (text, value) => {
    expect(entities(text).faceValue).toBe(value);
  });

  it.each([
    ['买了两张', 2],
    ['3张100元的卡', 3],
    ['x2', 2],
    ['I bought 2 steam cards', 2],
  ])('%s → quantity %d', (text, value) => {
    expect(entities(text).quantity).toBe(value);
  });

  it('does not read durations or order ids as amounts', () => {
    const e = entities('开了3个月 订单KM2024010112345678');
    expect(e.quantity).toBeUndefined();
    expect(e.faceValue).toBeUndefined();
  });
});

describe('operator, platform, region', () => {
  it('normalises operators and takes the first mentioned', () => {
    expect(entities('买成电信的了我是移动号').operator).toBe('telecom');
    expect(entities('中国联通 50').operator).toBe('unicom');
    expect(entities('China Mobile top up').operator).toBe('mobile');
    expect(entities('手机移动端打不开').operator).toBeUndefined();
  });

  it('finds platform and region', () => {
    expect(entities('王者买成微信区了')).toMatchObject({ platform: 'wechat' });
    expect(entities('我是安卓手机')).toMatchObject({ platform: 'android' });
    expect(entities('Steam卡买成美区的了')).toMatchObject({ region: 'us' });
    expect(entities('wrong region, I need the HK version').region).toBe('hk');
  });
});

describe('products', () => {
  it('matches aliases to catalog entries and uses the face value to pick the SKU', () => {
    expect(entities('王者点券买错了 100元').product).toEqual({ id: 'hok-voucher-100', name: '王者荣耀点券 100元', score: 1 });
    expect(entities('王者 30块').product?.id).toBe('hok-voucher-30');
    expect(entities('移动话费充了50').product?.id).toMatch(/^mobile-topup-/);
    expect(entities('移动话费 50元').product?.id).toBe('mobile-topup-50');
  });

  it('matches misspellings fuzzily with a lower score', () => {
    const match = entities('我的王者荣耀点卷不对').product;
    expect(match?.id).toMatch(/^hok-voucher-/);
    const english = entities('stem card not working').product;
    expect(english?.id).toMatch(/^steam-card-/);
    expect(english?.score).toBeLessThan(1);
  });

  it('scores a brand-only mention below a product name', () => {
    expect(entities('网易的东西').product?.score).toBeLessThan(1);
  });

  it('matches Latin aliases only as words', () => {
    expect(entities('the hook broke').product).toBeUndefined();
    expect(entities('today is fine').product).toBeUndefined();
  });

  it('uses a catalog passed in as data', () => {
    const custom = new ProductMatcher(
      parseCatalog([{ id: 'lol-rp', name: '英雄联盟点券', brand: '腾讯', type: 'game', faceValue: 100, aliases: ['lol', '撸啊撸'] }]),
    );
    expect(extractEntities(canonicalize('撸啊撸点券'), custom).product?.id).toBe('lol-rp');
  });

  it('rejects a malformed catalog with a typed error', () => {
    expect(() => parseCatalog([{ id: 'x', name: 'X' }])).toThrow(IntentsError);
    try {
      parseCatalog([{ id: 'x' }]);
    } catch (err) {
      expect((err as IntentsError).code).toBe('invalid_catalog');
    }
  });
});
