// Raw SQL for the hottest paths (a cancellation, a bot turn) with rows shaped exactly as the models give them.
// A Sequelize finder or create() costs far more JavaScript than the statement it runs (option cloning, instance
// building, validators, hooks) and, on SQLite, a `PRAGMA table_info` round trip before every model SELECT (how the
// dialect learns which text columns hold dates). Here the SQL text is built once per model, run through the driver
// (driver-statements.ts), and the values are read by the model's own attribute types; callers still get model
// instances where the API promises them.
import { InferCreationAttributes, Model, ModelStatic, Transaction } from 'sequelize';
import { Connection, runStatement } from './driver-statements';

type Row = Record<string, unknown>;

const listCache = new WeakMap<ModelStatic<Model>, Map<string, string>>();

/** `"field" AS "attribute"` for every attribute of the model, as its finders alias them; `table.` before each field if given. */
export function columnList(model: ModelStatic<Model>, table = ''): string {
  const lists = listCache.get(model) ?? listCache.set(model, new Map()).get(model)!;
  let list = lists.get(table);
  if (list === undefined) {
    list = Object.entries(model.getAttributes())
      .map(([name, a]) => `${table && `${table}.`}"${a.field ?? name}" AS "${name}"`)
      .join(', ');
    lists.set(table, list);
  }
  return list;
}

export const tableOf = (model: ModelStatic<Model>): string => `"${model.getTableName() as string}"`;

const typeKey = (type: unknown): string => (type as { key?: string }).key ?? '';

/** Values as Sequelize's parsers return them: SQLite hands dates and JSON back as text and booleans as 0/1. */
function readRow<R extends Row>(model: ModelStatic<Model>, row: R): R {
  const attributes = model.getAttributes() as Record<string, { type: unknown }>;
  const sqlite = model.sequelize!.getDialect() === 'sqlite';
  for (const key of Object.keys(row)) {
    const value = row[key];
    if (value === null || value === undefined || !attributes[key]) continue;
    const type = typeKey(attributes[key]!.type);
    if (type === 'DATE' && !(value instanceof Date)) {
      // SQLite stores '2026-11-02 10:00:00.000 +00:00'; a value without an offset is UTC, as Sequelize writes it.
      const text = String(value);
      (row as Row)[key] = new Date(/[+-]\d\d:\d\d$|Z$/.test(text) ? text : `${text}+00:00`);
    } else if (type === 'JSON' && sqlite && typeof value === 'string') {
      (row as Row)[key] = JSON.parse(value);
    } else if (type === 'BOOLEAN' && typeof value === 'number') {
      (row as Row)[key] = value !== 0;
    }
  }
  return row;
}

/** Rows (aliased by attribute) as the instances findAll() would build. */
export function toInstances<M extends Model>(model: ModelStatic<M>, rows: Row[]): M[] {
  return model.bulkBuild(rows.map((r) => readRow(model, r)) as M['_creationAttributes'][], { isNewRecord: false, raw: true });
}

/** Runs a statement that returns rows (SELECT, or a data-changing statement with RETURNING) and reads them. */
export async function queryRows<R extends Row>(
  model: ModelStatic<Model>,
  sql: string,
  replacements: Record<string, unknown>,
  transaction?: Transaction,
): Promise<R[]> {
  const rows = await runStatement<R>(model.sequelize!, sql, replacements, transaction);
  return rows.map((r) => readRow(model, r));
}

/** Column values for replacements: JSON as text (both dialects read a quoted literal into a JSON column). */
function writeValue(type: string, value: unknown): unknown {
  return type === 'JSON' && value !== null && value !== undefined ? JSON.stringify(value) : value;
}

/** An INSERT of rows (attribute → value): `INSERT INTO table (columns)`, the `VALUES` tuples, their replacements. */
export function insertParts<M extends Model>(model: ModelStatic<M>, rows: ReadonlyArray<Partial<InferCreationAttributes<M>>>): { head: string; values: string; replacements: Row } {
  const attributes = model.getAttributes() as Record<string, { field?: string; type: unknown }>;
  const names = Object.keys(rows[0]!);
  const replacements: Row = {};
  const tuples = rows.map((row, i) => {
    const cells = names.map((name, j) => {
      replacements[`v${i}_${j}`] = writeValue(typeKey(attributes[name]!.type), (row as Row)[name]);
      return `:v${i}_${j}`;
    });
    return `(${cells.join(', ')})`;
  });
  return { head: `INSERT INTO ${tableOf(model)} (${names.map((n) => `"${attributes[n]!.field ?? n}"`).join(', ')})`, values: `VALUES ${tuples.join(', ')}`, replacements };
}

/** Inserts rows (attribute → value) in one statement; returns their ids in order. */
export async function insertRows<M extends Model>(model: ModelStatic<M>, rows: ReadonlyArray<Partial<InferCreationAttributes<M>>>, transaction: Connection | undefined): Promise<number[]> {
  if (rows.length === 0) return [];
  const { head, values, replacements } = insertParts(model, rows);
  // RETURNING promises no order, but both engines number the rows of one INSERT ascending in VALUES order.
  const ids = await runStatement<{ id: number }>(model.sequelize!, `${head} ${values} RETURNING "id"`, replacements, transaction);
  return ids.map((r) => Number(r.id)).sort((a, b) => a - b);
}

/** One UPDATE of the given attributes by primary key; returns how many rows changed. */
export async function updateById(model: ModelStatic<Model>, id: number, values: Row, transaction: Transaction): Promise<number> {
  const attributes = model.getAttributes() as Record<string, { field?: string; type: unknown }>;
  const replacements: Row = { id };
  const sets = Object.keys(values).map((name, j) => {
    replacements[`s${j}`] = writeValue(typeKey(attributes[name]!.type), values[name]);
    return `"${attributes[name]!.field ?? name}" = :s${j}`;
  });
  return (await runStatement(model.sequelize!, `UPDATE ${tableOf(model)} SET ${sets.join(', ')} WHERE "id" = :id RETURNING "id"`, replacements, transaction)).length;
}
