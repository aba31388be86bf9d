// "How do I use the card": the steps from the product's own FAQ (the merchant knows its platform best).
import { Product } from '../../models';
import * as m from '../messages';
import { productName, statusText } from '../orders';
import type { OrderFlow } from './flow';

const ISSUED = new Set(['delivered', 'completed', 'disputed']);

export const redeemHelp: OrderFlow = async (turn, order) => {
  const product = order.product ? await Product.findByPk(order.product.id) : null;
  const name = productName(order);
  const notYet = ISSUED.has(order.status) ? [] : [turn.t.redeemNotYet(order.orderNo, statusText(turn, order))];
  const faq = product?.faq ?? [];
  const steps = faq.length ? [turn.t.redeemHeader(name), ...faq.map((f) => `• ${f.q}${turn.lang === 'zh' ? '：' : ': '}${f.a}`)] : [turn.t.redeemGeneric(name)];
  turn.say(m.text([...notYet, ...steps].join('\n')));
};
