// A supervisor's override of a buyer's credit level: the one in force is the latest that is neither cleared nor
// expired. CreditService applies it, so every reader of the level (the bot, automatic cancellation) obeys it.
import { Op, Transaction } from 'sequelize';
import { CreditOverride } from './tables';

export interface OverrideView {
  level: CreditOverride['level'];
  note: string;
  by: number;
  at: string;
  expiresAt: string | null;
}

export async function activeOverride(buyerId: number, now: Date, transaction?: Transaction): Promise<CreditOverride | null> {
  return CreditOverride.findOne({
    where: { buyerId, clearedAt: null, [Op.or]: [{ expiresAt: null }, { expiresAt: { [Op.gt]: now } }] },
    order: [['id', 'DESC']],
    transaction,
  });
}

export const overrideView = (o: Pick<CreditOverride, 'level' | 'note' | 'createdBy' | 'createdAt' | 'expiresAt'>): OverrideView => ({
  level: o.level,
  note: o.note,
  by: o.createdBy,
  at: new Date(o.createdAt).toISOString(),
  expiresAt: o.expiresAt ? new Date(o.expiresAt).toISOString() : null,
});
