// How the hour-of-week heatmap weighs its cells. A rate on a handful of orders is noise, so a cell is judged by the
// lower bound of its rate's 95% Wilson interval, and only among cells with enough orders: at least a tenth of the
// busiest cell's, the server's own rule for its `peak` (desk/supervisor/README.md).
import type { Cell } from './schemas';

const Z = 1.96;
const MIN_SHARE_OF_BUSIEST = 0.1;

export interface WeighedCell extends Cell {
  /** Lower bound of the 95% Wilson score interval of the rate; 0 without orders. */
  low: number;
  /** Enough orders for the rate to be read. */
  reliable: boolean;
}

export function wilsonLow(cancelled: number, orders: number): number {
  if (orders === 0) return 0;
  const p = cancelled / orders;
  const z2n = (Z * Z) / orders;
  return (p + z2n / 2 - Z * Math.sqrt((p * (1 - p)) / orders + z2n / (4 * orders))) / (1 + z2n);
}

export function weigh(cells: Cell[]): WeighedCell[] {
  const busiest = Math.max(0, ...cells.map((c) => c.orders));
  return cells.map((c) => ({ ...c, low: wilsonLow(c.cancelled, c.orders), reliable: c.orders > 0 && c.orders >= busiest * MIN_SHARE_OF_BUSIEST }));
}

/** The reliable cells, the most surely high rate first. */
export const hottest = (cells: WeighedCell[]): WeighedCell[] => cells.filter((c) => c.reliable).sort((a, b) => b.low - a.low || b.orders - a.orders);
