// Supervisor edits of the intents training set. The shipped files (intents/data) are the seed and are never
// written; edits are an overlay in `intent_utterances`: added lines, and replacements of seed lines (edited,
// moved to another intent, or deleted). The effective set is what retraining and `kadesk intents export` use.
import { createHash } from 'node:crypto';
import type { Transaction } from 'sequelize';
import { z } from 'zod';
import type { Clock } from './clock';
import type { Database } from './db';
import { DomainError } from './errors';
import { audit, DeskActor } from './supervisor-audit';
import { IntentUtterance, UtteranceSource } from './tables/intent-utterance';
import { parseInput } from './validate';

export interface TrainingExample {
  text: string;
  intent: string;
  lang: string;
}

export interface UtteranceView extends TrainingExample {
  id: string;
  source: 'seed' | UtteranceSource;
  edited: boolean;
  updatedAt: string | null;
}

export interface IntentTuningDeps {
  db: Database;
  clock: Clock;
  /** The shipped training set (models/ does not read intents/ itself). */
  seed: () => readonly TrainingExample[];
  intents: readonly string[];
  langs: readonly string[];
}

/** Stable across restarts and file reorderings: a seed line is named by what it says. */
export const seedKeyOf = (e: TrainingExample): string => createHash('sha1').update(`${e.lang}\u0000${e.intent}\u0000${e.text}`).digest('hex').slice(0, 16);

const SEED_ID = /^s-([0-9a-f]{16})$/;
const ROW_ID = /^u-(\d+)$/;
const utteranceText = z.string().trim().min(1).max(500);

const asView = (row: IntentUtterance): UtteranceView => ({
  id: `u-${row.id}`,
  intent: row.intent,
  lang: row.lang,
  text: row.text,
  source: row.source,
  edited: row.seedKey !== null || row.updatedAt.getTime() !== row.createdAt.getTime(),
  updatedAt: row.updatedAt.toISOString(),
});

const exampleOf = (u: TrainingExample): TrainingExample => ({ text: u.text, intent: u.intent, lang: u.lang });

export class UtteranceService {
  private keyed: Array<TrainingExample & { key: string }> | null = null;
  readonly addInput;
  readonly editInput;

  constructor(private readonly deps: IntentTuningDeps) {
    this.addInput = z.object({ intent: z.enum(deps.intents as [string, ...string[]]), lang: z.enum(deps.langs as [string, ...string[]]), text: utteranceText }).strict();
    this.editInput = z
      .object({ intent: z.enum(deps.intents as [string, ...string[]]).optional(), text: utteranceText.optional() })
      .strict()
      .refine((v) => v.intent !== undefined || v.text !== undefined, 'give text, intent or both');
  }

  private seed(): Array<TrainingExample & { key: string }> {
    this.keyed ??= this.deps.seed().map((e) => ({ ...exampleOf(e), key: seedKeyOf(e) }));
    return this.keyed;
  }

  private async rows(t?: Transaction): Promise<IntentUtterance[]> {
    return IntentUtterance.findAll({ order: [['id', 'ASC']], transaction: t });
  }

  /** Seed lines still in force and live rows, as views (seed first, in file order). */
  private async live(t?: Transaction): Promise<UtteranceView[]> {
    const rows = await this.rows(t);
    const replaced = new Set(rows.flatMap((r) => (r.seedKey ? [r.seedKey] : [])));
    const seed = this.seed()
      .filter((s) => !replaced.has(s.key))
      .map((s): UtteranceView => ({ ...exampleOf(s), id: `s-${s.key}`, source: 'seed', edited: false, updatedAt: null }));
    return [...seed, ...rows.filter((r) => !r.deleted).map(asView)];
  }

  /** The training set retraining uses: seed lines not replaced, plus every live row. */
  async effective(): Promise<TrainingExample[]> {
    return (await this.live()).map(exampleOf);
  }

  /** Seed lines replaced or deleted in the database (`kadesk intents` leaves them out of the shipped set). */
  async replacedSeed(): Promise<TrainingExample[]> {
    const keys = new Set((await this.rows()).flatMap((r) => (r.seedKey ? [r.seedKey] : [])));
    return this.seed().filter((s) => keys.has(s.key)).map(exampleOf);
  }

  /** Rows in force (added lines and replacements), for `kadesk intents`' extraExamples. */
  async extras(): Promise<TrainingExample[]> {
    return (await this.rows()).filter((r) => !r.deleted).map(exampleOf);
  }

  async overview(): Promise<Array<{ intent: string; counts: Record<string, number>; edits: number }>> {
    const live = await this.live();
    return this.deps.intents.map((intent) => {
      const mine = live.filter((u) => u.intent === intent);
      return {
        intent,
        counts: Object.fromEntries(this.deps.langs.map((lang) => [lang, mine.filter((u) => u.lang === lang).length])),
        edits: mine.filter((u) => u.source !== 'seed').length,
      };
    });
  }

  async list(intent: string, lang?: string): Promise<UtteranceView[]> {
    if (!this.deps.intents.includes(intent)) throw new DomainError('NOT_FOUND', `No intent ${intent}`, { kind: 'intent', intent });
    if (lang !== undefined && !this.deps.langs.includes(lang)) throw new DomainError('VALIDATION_FAILED', `lang: one of ${this.deps.langs.join(', ')}`);
    return (await this.live()).filter((u) => u.intent === intent && (lang === undefined || u.lang === lang));
  }

  private async rejectDuplicate(example: TrainingExample, t: Transaction, except?: string): Promise<void> {
    const clash = (await this.live(t)).find((u) => u.id !== except && u.intent === example.intent && u.lang === example.lang && u.text === example.text);
    if (clash) throw new DomainError('VALIDATION_FAILED', 'This utterance is already in the intent', { reason: 'duplicate', id: clash.id });
  }

  /** Adds a line; `transaction` lets the inbox add it together with its own change. */
  async add(actor: DeskActor, input: unknown, source: UtteranceSource = 'supervisor', transaction?: Transaction): Promise<UtteranceView> {
    const data = parseInput(this.addInput, input);
    const run = async (t: Transaction) => {
      await this.rejectDuplicate(data, t);
      const now = this.deps.clock.now();
      const row = await IntentUtterance.create(
        { ...data, seedKey: null, source, createdBy: actor.id, updatedBy: actor.id, createdAt: now, updatedAt: now },
        { transaction: t },
      );
      await audit(actor, { area: 'intents', action: source === 'inbox' ? 'inbox.add' : 'utterance.add', subject: `u-${row.id}`, before: null, after: data }, now, t);
      return asView(row);
    };
    return transaction ? run(transaction) : this.deps.db.transaction(run);
  }

  private async find(id: string, t: Transaction): Promise<{ seed?: TrainingExample & { key: string }; row?: IntentUtterance }> {
    const seedKey = SEED_ID.exec(id)?.[1];
    if (seedKey) {
      const seed = this.seed().find((s) => s.key === seedKey);
      const taken = seed && (await IntentUtterance.count({ where: { seedKey }, transaction: t }));
      if (seed && !taken) return { seed };
    }
    const rowId = ROW_ID.exec(id)?.[1];
    if (rowId) {
      const row = await IntentUtterance.findOne({ where: { id: Number(rowId), deleted: false }, transaction: t });
      if (row) return { row };
    }
    throw new DomainError('NOT_FOUND', 'No such utterance', { kind: 'utterance', id });
  }

  /** Edits the text and/or moves the line to another intent; a seed line is replaced by a row. */
  async edit(actor: DeskActor, id: string, input: unknown): Promise<UtteranceView> {
    const patch = parseInput(this.editInput, input);
    return this.deps.db.transaction(async (t) => {
      const { seed, row } = await this.find(id, t);
      const before = exampleOf((seed ?? row)!);
      const after = { ...before, ...patch };
      await this.rejectDuplicate(after, t, id);
      const now = this.deps.clock.now();
      const saved = row
        ? await row.update({ intent: after.intent, text: after.text, updatedBy: actor.id, updatedAt: now }, { transaction: t })
        : await IntentUtterance.create(
            { ...after, seedKey: seed!.key, source: 'supervisor', createdBy: actor.id, updatedBy: actor.id, createdAt: now, updatedAt: now },
            { transaction: t },
          );
      const action = after.text !== before.text ? 'utterance.edit' : 'utterance.move';
      await audit(actor, { area: 'intents', action, subject: id, before, after }, now, t);
      return asView(saved);
    });
  }

  async remove(actor: DeskActor, id: string): Promise<void> {
    await this.deps.db.transaction(async (t) => {
      const { seed, row } = await this.find(id, t);
      const before = exampleOf((seed ?? row)!);
      const now = this.deps.clock.now();
      if (row) await row.update({ deleted: true, updatedBy: actor.id, updatedAt: now }, { transaction: t });
      else {
        await IntentUtterance.create(
          { ...before, seedKey: seed!.key, source: 'supervisor', deleted: true, createdBy: actor.id, updatedBy: actor.id, createdAt: now, updatedAt: now },
          { transaction: t },
        );
      }
      await audit(actor, { area: 'intents', action: 'utterance.delete', subject: id, before, after: null }, now, t);
    });
  }
}
