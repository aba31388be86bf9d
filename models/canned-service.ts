// Canned responses (zh / en) that supervisors manage and agents insert, with variables filled from the order
// and the conversation: {orderNo}, {amount}, {refundDate}, {buyerName}, {agentName}.
import { Op, UniqueConstraintError } from 'sequelize';
import { z } from 'zod';
import { CONVERSATION_LANGS } from './conversation-enums';
import { DomainError } from './errors';
import type { OrderSummary } from './order-history';
import { Agent, CannedResponse } from './tables';
import { parseInput } from './validate';

export const CANNED_VARIABLES = ['orderNo', 'amount', 'refundDate', 'buyerName', 'agentName'] as const;
type Variable = (typeof CANNED_VARIABLES)[number];

export const cannedInput = z
  .object({
    shortcut: z.string().trim().regex(/^[a-z0-9_-]{1,32}$/, 'lower-case letters, digits, _ and -'),
    lang: z.enum(CONVERSATION_LANGS),
    title: z.string().trim().min(1).max(128),
    body: z
      .string()
      .trim()
      .min(1)
      .max(2000)
      .refine((body) => [...body.matchAll(/\{(\w+)\}/g)].every((m) => (CANNED_VARIABLES as readonly string[]).includes(m[1]!)), {
        message: `unknown variable; use ${CANNED_VARIABLES.map((v) => `{${v}}`).join(' ')}`,
      }),
  })
  .strict();

export interface CannedValues {
  order: OrderSummary | null;
  buyerName: string | null;
  agentName: string;
}

const yuan = (cents: number): string => (cents / 100).toFixed(2);
const day = (iso: string): string => iso.slice(0, 10);

function valuesOf(v: CannedValues): Record<Variable, string> {
  const refund = v.order?.refunds.at(-1);
  return {
    orderNo: v.order?.orderNo ?? '',
    amount: v.order ? yuan(v.order.amountCents) : '',
    refundDate: refund ? day(refund.expectedBy) : '',
    buyerName: v.buyerName ?? '',
    agentName: v.agentName,
  };
}

export class CannedService {
  list(lang?: string): Promise<CannedResponse[]> {
    const where = lang ? { lang: parseInput(z.enum(CONVERSATION_LANGS), lang) } : {};
    return CannedResponse.findAll({ where, order: [['shortcut', 'ASC'], ['lang', 'ASC']] });
  }

  async get(id: number): Promise<CannedResponse> {
    const c = await CannedResponse.findByPk(id);
    if (!c) throw new DomainError('NOT_FOUND', 'No such canned response', { id });
    return c;
  }

  /** Supervisors only; a (shortcut, lang) pair exists once. */
  async save(by: Agent, input: unknown, id?: number): Promise<CannedResponse> {
    if (by.role !== 'supervisor') throw new DomainError('FORBIDDEN');
    const data = parseInput(cannedInput, input);
    const clash = await CannedResponse.findOne({ where: { shortcut: data.shortcut, lang: data.lang, ...(id ? { id: { [Op.ne]: id } } : {}) } });
    if (clash) throw new DomainError('VALIDATION_FAILED', 'shortcut: already used in this language', { shortcut: data.shortcut, lang: data.lang });
    try {
      if (id) return await (await this.get(id)).update(data);
      return await CannedResponse.create({ ...data, createdBy: by.id });
    } catch (err) {
      if (err instanceof UniqueConstraintError) throw new DomainError('VALIDATION_FAILED', 'shortcut: already used in this language');
      throw err;
    }
  }

  async remove(by: Agent, id: number): Promise<void> {
    if (by.role !== 'supervisor') throw new DomainError('FORBIDDEN');
    await (await this.get(id)).destroy();
  }

  async render(id: number, values: CannedValues): Promise<string> {
    const canned = await this.get(id);
    const filled = valuesOf(values);
    return canned.body.replace(/\{(\w+)\}/g, (_, name: Variable) => filled[name] ?? '');
  }
}
