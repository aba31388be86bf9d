import fs from 'node:fs';
import path from 'node:path';
import { readSentiment, STRONG_NEGATIVE } from '../../bot/sentiment';

// Real buyer sentences. Strong: abuse, fraud accusations, rage, threats, shouting with punctuation.
const FURIOUS = [
  '你们这垃圾平台，骗子！',
  '气死了，付了钱卡密一直不发',
  '再不退款我就报警',
  '不给退款我就去12315投诉你们',
  '傻逼客服，半天不回',
  '你们是不是骗子？？？',
  '什么破平台！！！钱扣了卡没到',
  '😡😡 钱呢',
  '忍無可忍，騙子平台', // traditional characters
  'this is a fucking scam',
  'you are scammers, give me my money back',
  "I'm going to call the police",
  'WHERE IS MY MONEY!!!',
  'THIS IS RIDICULOUS WHERE IS MY CARD',
];

// Impatient or unhappy, but the bot can help: these must stay with the bot.
const ORDINARY = [
  '等了半小时了还没发货，太慢了',
  '怎么还没到账啊',
  '卡密怎么还没发？？',
  '我不生气，就问问订单到哪了',
  '我妈妈的话费怎么还没到',
  'KM202612315800001234 还没到',
  '有点失望，能退款吗',
  'my order is late, this is annoying',
  'still waiting for my card, very disappointed',
  "I don't want this, it's the wrong card",
  'WHERE IS MY ORDER',
  'I was not angry, just asking where my refund is',
];

test.each(FURIOUS)('strong: %s', (text) => {
  const mood = readSentiment(text);
  expect(mood.points).toBeGreaterThanOrEqual(STRONG_NEGATIVE);
  expect(mood.strong).toBe(true);
  expect(mood.signals.length).toBeGreaterThan(0);
});

test.each(ORDINARY)('not strong: %s', (text) => {
  expect(readSentiment(text)).toMatchObject({ strong: false });
});

test('negation and its look-alikes: 不生气 does not count, 是不是骗子 and 特别生气 do', () => {
  expect(readSentiment('我不生气').points).toBe(0);
  expect(readSentiment('你们是不是骗子').signals).toContain('骗子');
  expect(readSentiment('我特别生气').signals).toContain('生气');
});

test('a negation in one English clause does not flip the next one', () => {
  expect(readSentiment("I don't know where my card is, this is a fucking scam").strong).toBe(true);
});

// Calibration on the shipped training data: questions about orders, refunds and payment are not fury.
test('almost no order/refund/payment question in the training data reads as strong', () => {
  const dir = path.resolve(__dirname, '../../intents/data');
  const intents = ['order_status', 'refund_status', 'forgot_to_pay', 'cancel_order', 'wrong_item', 'price_changed', 'redeem_help', 'cancel_policy'];
  const lines = ['zh', 'en'].flatMap((lang) =>
    intents.flatMap((intent) =>
      fs.readFileSync(path.join(dir, lang, `${intent}.txt`), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')),
    ),
  );
  expect(lines.length).toBeGreaterThan(500);
  const strong = lines.filter((l) => readSentiment(l).strong);
  expect(strong.length / lines.length).toBeLessThan(0.01);
  // …while most of the complaint examples do.
  const complaints = fs.readFileSync(path.join(dir, 'zh', 'complaint.txt'), 'utf8').split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  expect(complaints.filter((l) => readSentiment(l).strong).length).toBeGreaterThan(complaints.length / 4);
});
