// Registers every model on a Sequelize instance and wires the associations the queries use.
import type { Sequelize } from 'sequelize';
import { Agent } from './agent';
import { Buyer } from './buyer';
import { Cancellation } from './cancellation';
import { CardKey } from './card-key';
import { Conversation } from './conversation';
import { ConversationMessage } from './conversation-message';
import { Compensation } from './compensation';
import { Dispute } from './dispute';
import { CannedResponse } from './canned-response';
import { CsatRating } from './csat-rating';
import { Handoff } from './handoff';
import { HandoffNote } from './handoff-note';
import { Merchant } from './merchant';
import { Order } from './order';
import { OrderEvent } from './order-event';
import { OutboxMessage } from './outbox';
import { Payment } from './payment';
import { Product } from './product';
import { Refund } from './refund';
import { CreditOverride } from './credit-override';
import { IntentInboxEntry } from './intent-inbox-entry';
import { IntentTraining } from './intent-training';
import { IntentUtterance } from './intent-utterance';
import { SupervisorAudit } from './supervisor-audit';
import { SupervisorSetting } from './supervisor-setting';

export { Buyer, Cancellation, CardKey, Compensation, Dispute, Merchant, Order, OrderEvent, OutboxMessage, Payment, Product, Refund };
export { Conversation, ConversationMessage, Handoff };
export { Agent, CannedResponse, CsatRating, HandoffNote };
export type { HandoffSummary } from './handoff';
export { CreditOverride, IntentInboxEntry, IntentTraining, IntentUtterance, SupervisorAudit, SupervisorSetting };
export type { StoredPrediction } from './intent-training';

const ALL = [Merchant, Product, Buyer, Order, CardKey, OrderEvent, Payment, Refund, Cancellation, Compensation, Dispute, OutboxMessage, Conversation, ConversationMessage, Handoff, Agent, HandoffNote, CannedResponse, CsatRating, IntentUtterance, IntentInboxEntry, IntentTraining, SupervisorSetting, SupervisorAudit, CreditOverride];

export function initModels(sequelize: Sequelize): void {
  for (const model of ALL) model.initModel(sequelize);
  Product.belongsTo(Merchant, { as: 'merchant', foreignKey: 'merchantId' });
  Order.belongsTo(Product, { as: 'product', foreignKey: 'productId' });
  Order.belongsTo(Buyer, { as: 'buyer', foreignKey: 'buyerId' });
  Order.belongsTo(Merchant, { as: 'merchant', foreignKey: 'merchantId' });
  Order.hasMany(Payment, { as: 'payments', foreignKey: 'orderId' });
  Order.hasMany(Refund, { as: 'refunds', foreignKey: 'orderId' });
  Order.hasMany(CardKey, { as: 'cardKeys', foreignKey: 'orderId' });
  Order.hasMany(OrderEvent, { as: 'events', foreignKey: 'orderId' });
  Order.hasOne(Cancellation, { as: 'cancellation', foreignKey: 'orderId' });
  Order.hasMany(Compensation, { as: 'compensations', foreignKey: 'orderId' });
  Order.hasMany(Dispute, { as: 'disputes', foreignKey: 'orderId' });
}
