// The shape of a flow about one order: it reads the turn and the order and says what to say / does what to do.
import type { OrderSummary } from '../../models';
import type { Wanted } from '../state';
import type { TurnContext } from '../turn';

export type OrderFlow = (turn: TurnContext, order: OrderSummary, wanted?: Wanted) => Promise<void>;
