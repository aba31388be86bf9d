// The demo store's merchants and catalog: real 卡盟 brands at realistic face values, prices a little below face,
// with the redemption FAQ and the nicknames buyers type. Pure data; the writer turns it into rows.
import type { FaqEntry } from '../../models/tables/product';
import type { Operator, ProductType } from '../../models/enums';

export interface DemoMerchant {
  code: string;
  name: string;
}

export const MERCHANTS: readonly DemoMerchant[] = [
  { code: 'demo-xingchen', name: '星辰卡行' },
  { code: 'demo-lanjing', name: '蓝鲸数码' },
  { code: 'demo-youpin', name: '优品充值' },
];

/** How a brand's card keys look, so the demo's masked keys resemble the real ones. */
export type KeyFormat = 'qq' | 'netease' | 'steam' | 'honor' | 'genshin' | 'topup' | 'membership' | 'jd' | 'appstore';

interface Brand {
  type: ProductType;
  brand: string;
  merchant: number;
  keyFormat: KeyFormat;
  platform: string | null;
  region: string | null;
  validityDays: number | null;
  deliveryMinutes: number;
  fulfilment: 'stock' | 'merchant';
  aliases: string[];
  faq: FaqEntry[];
  describe: (faceYuan: number) => string;
}

export interface DemoProduct {
  sku: string;
  merchantIndex: number;
  type: ProductType;
  brand: string;
  name: string;
  faceValueCents: number;
  priceCents: number;
  platform: string | null;
  region: string | null;
  operator: Operator | null;
  validityDays: number | null;
  deliveryMinutes: number;
  fulfilment: 'stock' | 'merchant';
  description: string;
  faq: FaqEntry[];
  aliases: string[];
  keyFormat: KeyFormat;
  /** Relative share of orders. */
  popularity: number;
  /** The merchant-fulfilled product whose merchant keeps selling keys it does not have. */
  oversold?: true;
  /** Small enough to give away as a goodwill gesture. */
  compensation?: true;
}

const RECHARGE_FAQ = (site: string): FaqEntry[] => [
  { q: '卡密在哪里查看？', a: '付款后在「我的订单」点击「查看卡密」即可看到卡号和卡密；查看后订单将无法自动取消。' },
  { q: '怎么充值？', a: `登录${site}，选择「卡密充值」，输入卡号和卡密后提交即可到账。` },
  { q: '充值提示卡密错误怎么办？', a: '请核对是否有多余空格或大小写错误；仍无法使用请截图联系客服，核实后为您补发或退款。' },
  { q: '买错了可以退吗？', a: '未查看卡密的订单可以申请取消并原路退款，1–3 个工作日到账；已查看卡密的订单需人工核实。' },
];

const BRANDS: Record<string, Brand> = {
  qq: {
    type: 'game_card', brand: '腾讯Q币', merchant: 0, keyFormat: 'qq', platform: 'QQ', region: null, validityDays: 365,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['Q币', 'QB', 'qb', 'q币', 'Q点', '扣币'],
    faq: [...RECHARGE_FAQ('pay.qq.com'), { q: 'Q币能给别人充吗？', a: '可以，充值时填写对方的QQ号即可。' }],
    describe: (v) => `腾讯Q币 ${v}元面值充值卡，可充值到任意QQ号，用于QQ会员、游戏道具等腾讯服务。`,
  },
  netease: {
    type: 'game_card', brand: '网易一卡通', merchant: 0, keyFormat: 'netease', platform: '网易游戏', region: null, validityDays: 365,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['网易点卡', '一卡通', '网易卡'],
    faq: [...RECHARGE_FAQ('网易一卡通官网 (ecard.163.com)'), { q: '可以充值哪些游戏？', a: '梦幻西游、大话西游、逆水寒等网易点卡游戏均可使用。' }],
    describe: (v) => `网易一卡通 ${v}元，可兑换网易游戏点数，适用于梦幻西游、逆水寒等。`,
  },
  steam: {
    type: 'game_card', brand: 'Steam 充值卡', merchant: 1, keyFormat: 'steam', platform: 'Steam', region: '国区', validityDays: null,
    deliveryMinutes: 10, fulfilment: 'stock', aliases: ['steam', 'Steam卡', '蒸汽', '蒸汽卡', 'steam钱包'],
    faq: [
      { q: '怎么兑换 Steam 充值卡？', a: '打开 Steam 客户端，点击「游戏」→「兑换 Steam 钱包充值码」，输入充值码即可。' },
      { q: '外区账号能用吗？', a: '本卡仅限国区（人民币）账号使用，外区账号无法兑换。' },
      { q: '兑换后余额没到账？', a: 'Steam 钱包一般即时到账，偶有延迟请重启客户端；超过 30 分钟请联系客服。' },
      { q: '买错区了可以退吗？', a: '未查看充值码的订单可以取消并原路退款；已查看的需人工核实。' },
    ],
    describe: (v) => `Steam 钱包充值码 ${v}元（国区），兑换后存入 Steam 钱包，可购买游戏和 DLC。`,
  },
  honor: {
    type: 'game_card', brand: '王者荣耀点券', merchant: 1, keyFormat: 'honor', platform: '安卓/iOS', region: 'QQ区', validityDays: 180,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['王者', '王者荣耀', '农药', '点券', '王者点券'],
    faq: [
      { q: '点券怎么充值到账号？', a: '在游戏内「商城」→「点券充值」→「卡密兑换」输入卡号卡密；或在腾讯充值中心选择王者荣耀。' },
      { q: '安卓和苹果通用吗？', a: '安卓QQ区与iOS QQ区点券不互通，请确认区服后再购买。' },
      { q: '微信区可以用吗？', a: '本卡为QQ区点券，微信区无法使用。' },
      { q: '买错区服可以退吗？', a: '未查看卡密前可以申请取消，退款 1–3 个工作日原路返回。' },
    ],
    describe: (v) => `王者荣耀点券 ${v * 10}点券（${v}元），QQ区通用，可购买英雄和皮肤。`,
  },
  genshin: {
    type: 'game_card', brand: '原神创世结晶', merchant: 2, keyFormat: 'genshin', platform: '米哈游', region: '国服', validityDays: 365,
    deliveryMinutes: 30, fulfilment: 'merchant', aliases: ['原神', '创世结晶', '原石', '648'],
    faq: [
      { q: '怎么兑换创世结晶？', a: '登录米哈游通行证官网兑换页，选择服务器和角色，输入兑换码即可。' },
      { q: 'B服能用吗？', a: '仅限官服（天空岛/世界树），B服暂不支持。' },
      { q: '多久到账？', a: '由商家供货，一般 30 分钟内发货；缺货时会为您取消并全额退款。' },
    ],
    describe: (v) => `原神创世结晶兑换码（${v}元档），官服通用，由商家直充供货。`,
  },
  topup: {
    type: 'phone_topup', brand: '话费充值', merchant: 2, keyFormat: 'topup', platform: null, region: '全国', validityDays: null,
    deliveryMinutes: 30, fulfilment: 'merchant', aliases: ['话费', '充话费', '手机费'],
    faq: [
      { q: '话费多久到账？', a: '一般 10 分钟内到账，高峰期最长 30 分钟，到账后运营商会发送短信。' },
      { q: '携号转网的号码能充吗？', a: '请按转网后的运营商购买，否则充值会失败并自动退款。' },
      { q: '充错号码怎么办？', a: '未到账前可以申请取消；已到账的话费无法撤回，请仔细核对号码。' },
    ],
    describe: (v) => `全国话费 ${v}元直充，自动识别号码归属地，到账后短信通知。`,
  },
  iqiyi: {
    type: 'video_membership', brand: '爱奇艺', merchant: 1, keyFormat: 'membership', platform: '爱奇艺', region: null, validityDays: 180,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['爱奇艺会员', '奇艺', 'iqiyi', '爱奇艺vip'],
    faq: [
      { q: '激活码怎么用？', a: '打开爱奇艺 App →「我的」→「兑换VIP」，输入激活码即可开通。' },
      { q: '支持电视端吗？', a: '黄金VIP不支持电视端，电视观看需购买星钻VIP。' },
      { q: '激活码有效期多久？', a: '请在购买后 180 天内激活，过期作废。' },
    ],
    describe: () => '爱奇艺黄金VIP会员激活码，手机/电脑/平板可用。',
  },
  tencentVideo: {
    type: 'video_membership', brand: '腾讯视频', merchant: 1, keyFormat: 'membership', platform: '腾讯视频', region: null, validityDays: 180,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['腾讯视频会员', '腾讯会员', '企鹅视频'],
    faq: [
      { q: '激活码怎么兑换？', a: '腾讯视频 App →「我的」→「VIP会员」→「兑换码」，输入后立即生效。' },
      { q: '能给别人的账号开吗？', a: '可以，用对方账号登录后兑换即可。' },
      { q: '会自动续费吗？', a: '激活码开通不会自动续费。' },
    ],
    describe: () => '腾讯视频VIP会员激活码，手机/电脑/平板通用。',
  },
  youku: {
    type: 'video_membership', brand: '优酷', merchant: 0, keyFormat: 'membership', platform: '优酷', region: null, validityDays: 180,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['优酷会员', '优酷vip', 'youku'],
    faq: [
      { q: '兑换码怎么用？', a: '优酷 App →「我的」→「兑换中心」，输入兑换码开通会员。' },
      { q: '淘宝账号能用吗？', a: '可以，优酷支持淘宝账号登录后兑换。' },
    ],
    describe: () => '优酷VIP会员兑换码，多端通用。',
  },
  cloudMusic: {
    type: 'video_membership', brand: '网易云音乐', merchant: 0, keyFormat: 'membership', platform: '网易云音乐', region: null, validityDays: 180,
    deliveryMinutes: 5, fulfilment: 'stock', aliases: ['网易云', '云音乐', '黑胶', '黑胶vip'],
    faq: [
      { q: '黑胶VIP怎么兑换？', a: '网易云音乐 App →「我的」→「会员中心」→「兑换码」，输入后立即生效。' },
      { q: '和音乐包有什么区别？', a: '黑胶VIP包含音乐包权益，另有无损音质和专属装扮。' },
    ],
    describe: () => '网易云音乐黑胶VIP兑换码，畅听会员曲库。',
  },
  jd: {
    type: 'gift_card', brand: '京东E卡', merchant: 2, keyFormat: 'jd', platform: '京东', region: null, validityDays: 1095,
    deliveryMinutes: 10, fulfilment: 'stock', aliases: ['京东卡', 'E卡', '京东e卡', '京东购物卡'],
    faq: [
      { q: '京东E卡怎么绑定？', a: '京东 App →「我的」→「礼品卡」→「绑定新卡」，输入卡密即可。' },
      { q: '能买所有商品吗？', a: '京东自营和部分第三方商品可用，具体以结算页显示为准。' },
      { q: '有效期多久？', a: '自购买之日起 3 年内有效。' },
    ],
    describe: (v) => `京东E卡 ${v}元电子卡，绑定后可在京东购物抵扣。`,
  },
  appstore: {
    type: 'gift_card', brand: 'App Store 充值卡', merchant: 1, keyFormat: 'appstore', platform: 'Apple', region: '中国大陆', validityDays: null,
    deliveryMinutes: 10, fulfilment: 'stock', aliases: ['苹果卡', 'App Store', 'AppStore', '苹果充值卡', 'itunes'],
    faq: [
      { q: '怎么兑换到 Apple ID？', a: 'App Store →点击头像→「兑换充值卡或代码」，输入代码即可存入账户余额。' },
      { q: '外区 Apple ID 能用吗？', a: '仅限中国大陆 Apple ID 使用。' },
      { q: '余额能买什么？', a: '可用于 App、游戏内购、iCloud 等 Apple 服务。' },
    ],
    describe: (v) => `App Store 充值卡 ${v}元（中国大陆），兑换后存入 Apple 账户余额。`,
  },
};

const OPERATOR_NAMES: Record<Operator, string> = { mobile: '中国移动', unicom: '中国联通', telecom: '中国电信' };
const OPERATOR_ALIASES: Record<Operator, string[]> = { mobile: ['移动', '移动话费'], unicom: ['联通', '联通话费'], telecom: ['电信', '电信话费'] };

interface Sku {
  brand: keyof typeof BRANDS;
  code: string;
  name: string;
  faceYuan: number;
  discount: number;
  popularity: number;
  operator?: Operator;
  merchant?: number;
  oversold?: true;
  compensation?: true;
}

const SKUS: Sku[] = [
  { brand: 'qq', code: 'QB-10', name: '腾讯Q币 10元', faceYuan: 10, discount: 0.985, popularity: 8 },
  { brand: 'qq', code: 'QB-30', name: '腾讯Q币 30元', faceYuan: 30, discount: 0.98, popularity: 10 },
  { brand: 'qq', code: 'QB-100', name: '腾讯Q币 100元', faceYuan: 100, discount: 0.975, popularity: 9 },
  { brand: 'netease', code: 'NE-50', name: '网易一卡通 50元', faceYuan: 50, discount: 0.97, popularity: 4 },
  { brand: 'netease', code: 'NE-100', name: '网易一卡通 100元', faceYuan: 100, discount: 0.965, popularity: 3 },
  { brand: 'steam', code: 'STEAM-50', name: 'Steam 钱包充值码 50元（国区）', faceYuan: 50, discount: 0.96, popularity: 6 },
  { brand: 'steam', code: 'STEAM-100', name: 'Steam 钱包充值码 100元（国区）', faceYuan: 100, discount: 0.955, popularity: 6 },
  { brand: 'honor', code: 'WZ-60', name: '王者荣耀 600点券（60元）', faceYuan: 60, discount: 0.95, popularity: 9 },
  { brand: 'honor', code: 'WZ-100', name: '王者荣耀 1000点券（100元）', faceYuan: 100, discount: 0.945, popularity: 7 },
  { brand: 'genshin', code: 'YS-98', name: '原神 创世结晶 980（98元）', faceYuan: 98, discount: 0.93, popularity: 4 },
  { brand: 'genshin', code: 'YS-648', name: '原神 创世结晶 6480（648元）', faceYuan: 648, discount: 0.92, popularity: 5, oversold: true },
  ...(['mobile', 'unicom', 'telecom'] as const).flatMap((op, i) =>
    [30, 50, 100].map((v) => ({
      brand: 'topup' as const,
      code: `TOPUP-${op.toUpperCase()}-${v}`,
      name: `${OPERATOR_NAMES[op]}话费 ${v}元`,
      faceYuan: v,
      discount: v === 100 ? 0.988 : 0.99,
      popularity: [5, 3, 2][i]! * (v === 50 ? 1.2 : 1),
      operator: op,
    })),
  ),
  { brand: 'iqiyi', code: 'IQY-M', name: '爱奇艺黄金VIP 月卡', faceYuan: 25, discount: 0.8, popularity: 5 },
  { brand: 'iqiyi', code: 'IQY-Y', name: '爱奇艺黄金VIP 年卡', faceYuan: 248, discount: 0.72, popularity: 2 },
  { brand: 'tencentVideo', code: 'TXV-M', name: '腾讯视频VIP 月卡', faceYuan: 25, discount: 0.8, popularity: 5 },
  { brand: 'youku', code: 'YK-M', name: '优酷VIP 月卡', faceYuan: 25, discount: 0.72, popularity: 2 },
  { brand: 'cloudMusic', code: 'NCM-M', name: '网易云音乐黑胶VIP 月卡', faceYuan: 18, discount: 0.83, popularity: 3 },
  { brand: 'jd', code: 'JDE-10', name: '京东E卡 10元', faceYuan: 10, discount: 0.99, popularity: 1, compensation: true },
  { brand: 'jd', code: 'JDE-100', name: '京东E卡 100元', faceYuan: 100, discount: 0.975, popularity: 4 },
  { brand: 'appstore', code: 'AS-50', name: 'App Store 充值卡 50元', faceYuan: 50, discount: 0.97, popularity: 3 },
  { brand: 'appstore', code: 'AS-100', name: 'App Store 充值卡 100元', faceYuan: 100, discount: 0.965, popularity: 3 },
];

const yuanToCents = (yuan: number): number => Math.round(yuan * 100);

export const PRODUCTS: readonly DemoProduct[] = SKUS.map((s) => {
  const b = BRANDS[s.brand]!;
  const faceValueCents = yuanToCents(s.faceYuan);
  const operatorAliases = s.operator ? OPERATOR_ALIASES[s.operator] : [];
  return {
    sku: s.code,
    merchantIndex: s.merchant ?? b.merchant,
    type: b.type,
    brand: s.operator ? `${OPERATOR_NAMES[s.operator]}话费` : b.brand,
    name: s.name,
    faceValueCents,
    // Rounded to the 10 cents a store prices in, and always below face value.
    priceCents: Math.min(faceValueCents - 10, Math.round((faceValueCents * s.discount) / 10) * 10),
    platform: b.platform,
    region: b.region,
    operator: s.operator ?? null,
    validityDays: b.validityDays,
    deliveryMinutes: b.deliveryMinutes,
    fulfilment: b.fulfilment,
    description: b.describe(s.faceYuan),
    faq: b.faq,
    aliases: [...b.aliases, ...operatorAliases],
    keyFormat: b.keyFormat,
    popularity: s.popularity,
    ...(s.oversold ? { oversold: true as const } : {}),
    ...(s.compensation ? { compensation: true as const } : {}),
  };
});
