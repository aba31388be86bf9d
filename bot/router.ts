// Decides what a turn is about: a button press, or a text the NLU read. Order flows first find the order;
// confirmations apply only to what is pending; furious buyers, human intents and repeated misses go to a person.
import { isHumanIntent } from '../intents/intents';
import type { Entities } from '../intents/entities/schema';
import { executeCancel, proposeCancel } from './cancel';
import { cancelOrder } from './flows/cancel-order';
import { ORDER_FLOWS } from './flows';
import { notUnderstood, smallTalk } from './flows/small-talk';
import { handOff } from './handoff';
import * as m from './messages';
import type { Classification } from './nlu';
import { askForOrder, buyerOrder, NAMED_PRODUCT_SCORE, resolveOrder, storeProductId } from './orders';
import type { BuyerCancelReason, Postback } from './postbacks';
import { isOrderIntent, OrderIntent, Pending, Wanted } from './state';
import { readSentiment } from './sentiment';
import { reorder } from './suggestions';
import type { TurnContext } from './turn';
import type { OrderSummary } from '../models';

export type TurnInput = { kind: 'text'; text: string; nlu: Classification } | { kind: 'postback'; postback: Postback };

const INTENT_OF_REASON: Record<BuyerCancelReason, OrderIntent> = {
  forgot_to_pay: 'forgot_to_pay',
  wrong_item: 'wrong_item',
  price_changed: 'price_changed',
  delivery_delay: 'cancel_order',
  other: 'cancel_order',
};

function wantedOf(entities: Entities): Wanted | undefined {
  const productId = entities.product && entities.product.score >= NAMED_PRODUCT_SCORE ? storeProductId(entities.product) : undefined;
  const wanted: Wanted = {
    ...(entities.faceValue !== undefined ? { faceValue: entities.faceValue } : {}),
    ...(entities.operator ? { operator: entities.operator } : {}),
    ...(productId !== undefined ? { productId } : {}),
  };
  return Object.keys(wanted).length ? wanted : undefined;
}

async function runFlow(turn: TurnContext, intent: OrderIntent, order: OrderSummary, wanted?: Wanted): Promise<void> {
  turn.state.orderId = order.id;
  turn.state.intent = intent;
  turn.pending = null;
  await ORDER_FLOWS[intent](turn, order, wanted);
}

/** The order a button names, if it is the buyer's; otherwise the buyer is told and asked to pick. */
async function orderOfButton(turn: TurnContext, orderNo: string): Promise<OrderSummary | null> {
  const order = await buyerOrder(turn.buyerId, { orderNo });
  if (!order) {
    turn.say(m.text(turn.t.orderNotFound(orderNo)));
    await askForOrder(turn, 'order_status');
  }
  return order;
}

async function confirm(turn: TurnContext, pending: Pending | null, orderNo: string): Promise<void> {
  if (pending?.kind !== 'confirm' || pending.orderNo !== orderNo) {
    turn.say(m.text(turn.t.staleConfirm));
    return;
  }
  const order = await orderOfButton(turn, orderNo);
  if (order) await executeCancel(turn, order, pending.reason, pending.intent, pending.wanted);
}

function backOut(turn: TurnContext, pending: Pending | null): void {
  turn.pending = null;
  turn.say(m.text(pending?.kind === 'confirm' ? turn.t.kept(pending.orderNo) : turn.t.okay));
}

async function selectedOrder(turn: TurnContext): Promise<OrderSummary | null> {
  const id = turn.state.orderId ?? turn.conversation.orderId;
  return id ? buyerOrder(turn.buyerId, { id }) : null;
}

async function onPostback(turn: TurnContext, postback: Postback): Promise<void> {
  const pending = turn.pending;
  turn.state.failedCount = 0;
  switch (postback.action) {
    case 'select_order': {
      const order = await orderOfButton(turn, postback.orderNo);
      if (order) await runFlow(turn, pending?.kind === 'order' ? pending.intent : 'order_status', order, pending?.kind === 'order' ? pending.wanted : undefined);
      return;
    }
    case 'cancel': {
      const order = await orderOfButton(turn, postback.orderNo);
      if (!order) return;
      if (postback.reason) await proposeCancel(turn, order, postback.reason, INTENT_OF_REASON[postback.reason]);
      else await cancelOrder(turn, order);
      return;
    }
    case 'confirm':
      return confirm(turn, pending, postback.orderNo);
    case 'deny':
      return backOut(turn, pending);
    case 'reorder':
      turn.pending = null;
      return reorder(turn, postback.productId, postback.quantity);
    case 'human':
      return handOff(turn, 'buyer_request', { intent: 'human_agent', order: await selectedOrder(turn), detail: 'buyer pressed "talk to a human"' });
  }
}

/** A furious buyer gets a person whatever they asked, even mid-confirmation. */
async function handOffIfFurious(turn: TurnContext, text: string, nlu: Classification): Promise<boolean> {
  const mood = readSentiment(text);
  if (!mood.strong) return false;
  const written = nlu.entities.orderNumbers[0];
  const order = (written ? await buyerOrder(turn.buyerId, { orderNo: written }) : null) ?? (await selectedOrder(turn));
  await handOff(turn, 'negative_sentiment', {
    intent: nlu.intent,
    order,
    detail: `strong negative sentiment (${mood.points} points: ${mood.signals.join(', ')}) while asking ${nlu.intent}`,
  });
  return true;
}

async function onText(turn: TurnContext, nlu: Classification): Promise<void> {
  turn.state.lang = nlu.lang;
  if (turn.buyerText !== null && (await handOffIfFurious(turn, turn.buyerText, nlu))) return;
  const pending = turn.pending;
  const { intent, entities } = nlu;
  if (intent === 'affirm' && pending?.kind === 'confirm') return confirm(turn, pending, pending.orderNo);
  if (intent === 'affirm' && pending?.kind === 'human_offer') {
    return handOff(turn, 'buyer_request', { intent: 'human_agent', order: await selectedOrder(turn), detail: 'buyer accepted the offer of a human' });
  }
  if (intent === 'deny' && pending) return backOut(turn, pending);
  if (isHumanIntent(intent)) {
    const reason = intent === 'human_agent' ? 'buyer_request' : 'human_intent';
    return handOff(turn, reason, { intent, order: await selectedOrder(turn), detail: `intent ${intent} (confidence ${nlu.confidence})` });
  }
  // A bare order number answers "which order?" whatever the classifier made of it.
  const flowIntent = isOrderIntent(intent) ? intent : pending?.kind === 'order' && entities.orderNumbers.length ? pending.intent : null;
  if (flowIntent) {
    turn.state.failedCount = 0;
    turn.state.intent = flowIntent;
    turn.pending = null;
    const wanted = wantedOf(entities) ?? (pending?.kind === 'order' ? pending.wanted : undefined);
    const order = await resolveOrder(turn, flowIntent, entities, wanted);
    if (order) await runFlow(turn, flowIntent, order, wanted);
    return;
  }
  if (intent === 'out_of_scope') return notUnderstood(turn, `out_of_scope, confidence ${nlu.confidence}`);
  turn.state.failedCount = 0;
  turn.pending = null;
  smallTalk(turn, intent);
}

export function route(turn: TurnContext, input: TurnInput): Promise<void> {
  return input.kind === 'postback' ? onPostback(turn, input.postback) : onText(turn, input.nlu);
}
