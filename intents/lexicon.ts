// Domain knowledge the tokenizer needs and no general dictionary has: store vocabulary for jieba,
// the typos/homophones buyers actually type, and the pinyin initials they use as shorthand.

/** Words jieba must keep whole; without them 卡密 splits into 卡/密 and 点券 into 点/券. */
export const DOMAIN_WORDS = [
  '卡密', '卡号', '卡劵', '点券', '点卡', 'q币', 'q点', '话费', '流量', '面值', '面额', '充值卡', '充值', '一卡通',
  '创世结晶', '王者荣耀', '原神', '爱奇艺', '腾讯视频', '优酷', '网易云音乐', '网易云', '京东e卡', '卡盟',
  '待付款', '未付款', '已付款', '付款', '支付宝', '微信', '处理中', '转人工', '人工客服', '客服', '退款', '退钱',
  '到账', '手续费', '扣款', '扣钱', '被盗', '盗号', '黑猫投诉', '缺货', '没货', '超卖', '下单', '拍错', '买错',
  '选错', '充错', '降价', '差价', '保价', '激活', '兑换', '兑换码', '兑换券', '已被使用', '无效', '卡密错误',
  '发货', '没发货', '订单号', '订单', '取消订单', '撤单', '退单', '会员', '月卡', '年卡', '移动', '联通', '电信',
  '国服', '港服', '美服', '日服', '台服', '国区', '美区', '港区', '亚服', '安卓', '苹果', '账号', '余额',
];

/**
 * Misspellings and homophones folded onto the word the buyer meant (applied to simplified, lower-case text).
 * Only unambiguous pairs belong here: a fold that is also a real word elsewhere would corrupt other sentences.
 */
export const TYPO_FOLDS: ReadonlyArray<readonly [string, string]> = [
  ['取肖', '取消'], ['取销', '取消'], ['曲消', '取消'], ['驱消', '取消'], ['取嚣', '取消'],
  ['卡蜜', '卡密'], ['卡秘', '卡密'], ['咔密', '卡密'], ['卡觅', '卡密'],
  ['退歀', '退款'], ['退宽', '退款'], ['腿款', '退款'], ['退欵', '退款'], ['退kuan', '退款'],
  ['冲值', '充值'], ['充直', '充值'], ['冲钱', '充钱'],
  ['订丹', '订单'], ['定单', '订单'], ['丁单', '订单'],
  ['付歀', '付款'], ['附款', '付款'], ['付欵', '付款'],
  ['帐号', '账号'], ['帐户', '账户'], ['帐单', '账单'],
  ['客腹', '客服'], ['人公', '人工'], ['话废', '话费'], ['点卷', '点券'], ['点劵', '点券'], ['面直', '面值'],
  ['蟹蟹', '谢谢'], ['谢谢谢', '谢谢'], ['木有', '没有'], ['米有', '没有'], ['莫得', '没有'],
  ['肿么', '怎么'], ['神马', '什么'], ['酱紫', '这样'], ['介个', '这个'], ['稀饭', '喜欢'],
];

/** Pinyin initials typed as a whole Latin word; expanded so they share features with the Chinese word. */
export const PINYIN_ABBREVIATIONS: Readonly<Record<string, string>> = {
  tk: '退款',
  qx: '取消',
  kf: '客服',
  rg: '人工',
  zrg: '转人工',
  dd: '订单',
  km: '卡密',
  hf: '话费',
  zfb: '支付宝',
  wx: '微信',
  zm: '怎么',
  sm: '什么',
  nh: '你好',
  fh: '发货',
  fk: '付款',
  cz: '充值',
  ts: '投诉',
  xx: '谢谢',
  bb: '拜拜',
  bjd: '不知道',
  qr: '确认',
  sl: '算了',
};

/** English chat shorthand expanded before stemming so "thx" and "thanks" are one feature. */
export const ENGLISH_SHORTHAND: Readonly<Record<string, string>> = {
  thx: 'thanks',
  thnx: 'thanks',
  ty: 'thank you',
  tks: 'thanks',
  pls: 'please',
  plz: 'please',
  u: 'you',
  ur: 'your',
  r: 'are',
  cuz: 'because',
  pw: 'password',
  pwd: 'password',
  acct: 'account',
  cancle: 'cancel',
  cancell: 'cancel',
  refnd: 'refund',
  recieved: 'received',
  recieve: 'receive',
  wont: 'will not',
  cant: 'can not',
  dont: 'do not',
  didnt: 'did not',
  doesnt: 'does not',
  isnt: 'is not',
  hasnt: 'has not',
  havent: 'have not',
};
