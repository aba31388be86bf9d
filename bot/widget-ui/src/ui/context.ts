// What deep message components need without prop drilling: strings, live orders and the send actions.
import { createContext } from 'preact';
import type { Strings } from '../i18n';
import type { OrderInfo, Postback } from '../protocol';

export interface WidgetContext {
  t: Strings;
  orders: Record<string, OrderInfo>;
  postback(p: Postback): void;
  say(text: string): void;
}

export const Ctx = createContext<WidgetContext>(null as unknown as WidgetContext);
