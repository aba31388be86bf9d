// Demo buyers: Chinese names, store ids `demo-buyer-001`…, an activity weight (a few regulars buy most),
// and the handful of abusive buyers whose cancellations and disputes the credit policy should catch.
import type { Random } from './random';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉萍红娥玲芬燕彬鹏辉浩宇轩子涵梓萱一诺欣怡博文思远晨曦佳怡俊杰雨桐浩然若汐';
const PHONE_PREFIXES = ['134', '135', '136', '138', '139', '150', '151', '158', '182', '187', '130', '131', '132', '155', '156', '176', '133', '153', '177', '180', '189', '199'];

export interface DemoBuyer {
  externalId: string;
  name: string;
  phone: string;
  /** Relative share of orders. */
  activity: number;
  abusive: boolean;
}

export const ABUSIVE_BUYER_COUNT = 5;

export function buyerCountFor(orders: number): number {
  return Math.max(50, Math.round(orders / 40));
}

export function makeBuyers(count: number, random: Random): DemoBuyer[] {
  const width = Math.max(3, String(count).length);
  // Abusive buyers are spread through the list (not the first ids), as they would be in a real store.
  const abusive = new Set(Array.from({ length: ABUSIVE_BUYER_COUNT }, (_, i) => Math.floor(((i + 0.5) * count) / ABUSIVE_BUYER_COUNT)));
  return Array.from({ length: count }, (_, i) => {
    const givenLength = random.chance(0.6) ? 2 : 1;
    let given = '';
    for (let g = 0; g < givenLength; g += 1) given += GIVEN[random.int(0, GIVEN.length - 1)];
    return {
      externalId: `demo-buyer-${String(i + 1).padStart(width, '0')}`,
      name: `${SURNAMES[random.int(0, SURNAMES.length - 1)]}${given}`,
      phone: `${random.pick(PHONE_PREFIXES)}${random.digits(8)}`,
      // Pareto-like: most buyers order now and then, a few regulars order every day.
      activity: 1 / (0.05 + random.float()) ** 1.2,
      abusive: abusive.has(i),
    };
  });
}
