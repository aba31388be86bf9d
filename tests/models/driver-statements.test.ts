import { UniqueConstraintError } from 'sequelize';
import { OrderEvent } from '../../models';
import { openDatabase } from '../../models/db';
import { runStatement, sqliteLiteral, sqliteLiteralSql } from '../../models/driver-statements';
import { insertRows } from '../../models/sql-rows';
import { dialects } from '../helpers/databases';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

describe.each(dialects())('statements through the driver on %s', (dialect) => {
  let d: TestDomain;
  let orderId: number;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
    const { product, buyer } = await makeCatalog({ keys: 2 });
    orderId = (await d.orders.create({ buyerId: buyer.id, productId: product.id, quantity: 1 }, { type: 'bot' })).order.id;
  });
  afterAll(() => d.teardown());

  const sequelize = () => d.db.sequelize;

  test('values are written as Sequelize writes them: a model reads back the same date', async () => {
    const at = new Date('2026-11-02T10:00:00.123Z');
    const [id] = await d.db.transaction((t) =>
      insertRows(OrderEvent, [{ orderId, action: 'noted', fromStatus: null, toStatus: 'pending_payment', actorType: 'agent', actorId: '7', reason: null, createdAt: at }], t),
    );
    const event = await OrderEvent.findByPk(id, { rejectOnEmpty: true });
    expect(event.createdAt.toISOString()).toBe(at.toISOString());
    const [{ n }] = await runStatement<{ n: number }>(sequelize(), 'SELECT COUNT(*) AS n FROM order_events WHERE created_at = :at', { at });
    expect(Number(n)).toBe(1);
  });

  test('an array is a list, an empty one matches nothing', async () => {
    const rows = await runStatement(sequelize(), 'SELECT id FROM orders WHERE id IN (:ids) ORDER BY id', { ids: [orderId, orderId + 1000] });
    expect(rows.map((r) => Number(r.id))).toEqual([orderId]);
    expect(await runStatement(sequelize(), 'SELECT id FROM orders WHERE id IN (:ids)', { ids: [] })).toEqual([]);
  });

  test('statements issued at once in a transaction run in the order issued', async () => {
    const counts = await d.db.transaction(async (t) => {
      const event = { orderId, action: 'noted', fromStatus: null, toStatus: 'pending_payment' as const, actorType: 'agent' as const, actorId: 'order', reason: null, createdAt: new Date() };
      const count = () => runStatement<{ n: number }>(sequelize(), `SELECT COUNT(*) AS n FROM order_events WHERE actor_id = 'order'`, {}, t);
      const results = await Promise.all([count(), insertRows(OrderEvent, [event], t), count(), insertRows(OrderEvent, [event, event], t), count()]);
      return [results[0], results[2], results[4]].map((r) => Number(r[0]!.n));
    });
    expect(counts).toEqual([0, 1, 3]);
  });

  test('a unique violation is the UniqueConstraintError callers catch, and rolls back the whole transaction', async () => {
    const before = await OrderEvent.count();
    const duplicate = d.db.transaction(async (t) => {
      await insertRows(OrderEvent, [{ orderId, action: 'noted', fromStatus: null, toStatus: 'pending_payment', actorType: 'agent', actorId: 'dup', reason: null, createdAt: new Date() }], t);
      await runStatement(sequelize(), 'INSERT INTO buyers (external_id, name, created_at, updated_at) SELECT external_id, name, created_at, updated_at FROM buyers LIMIT 1 RETURNING id', {}, t);
    });
    await expect(duplicate).rejects.toBeInstanceOf(UniqueConstraintError);
    expect(await OrderEvent.count()).toBe(before);
  });

  test('a statement that does not compile is rejected and the connection keeps working', async () => {
    await expect(d.db.transaction((t) => runStatement(sequelize(), 'SELEKT nothing', {}, t))).rejects.toThrow(/syntax/i);
    await expect(runStatement(sequelize(), 'SELECT 1 AS one FROM no_such_table', {})).rejects.toThrow(/no_such_table/);
    expect(await d.db.transaction((t) => runStatement(sequelize(), 'SELECT :v AS v', { v: 'ok' }, t))).toEqual([{ v: 'ok' }]);
  });

  test('a database with prepared statements closes cleanly and opens again', async () => {
    const other = await openDatabase({ url: d.testDb.url });
    await other.transaction((t) => runStatement(other.sequelize, 'SELECT id FROM orders WHERE id = :id', { id: orderId }, t));
    await runStatement(other.sequelize, 'SELECT id FROM orders WHERE id = :id', { id: orderId });
    await expect(other.close()).resolves.toBeUndefined();
  });

  test('reads issued at once outside a transaction all answer, and leave nothing open at close', async () => {
    const other = await openDatabase({ url: d.testDb.url });
    // The same new statement twenty times at once, a bad one beside them, then a close while one more is in flight.
    const reads = Array.from({ length: 20 }, (_, i) => runStatement<{ id: number; i: number }>(other.sequelize, 'SELECT id, :i AS i FROM orders WHERE id = :id', { id: orderId, i }));
    const bad = runStatement(other.sequelize, 'SELECT 1 AS one FROM no_such_table', {});
    const answers = await Promise.all(reads);
    await expect(bad).rejects.toThrow(/no_such_table/);
    expect(answers.map((rows) => rows.map((r) => [Number(r.id), Number(r.i)]))).toEqual(answers.map((_, i) => [[orderId, i]]));
    const late = runStatement(other.sequelize, 'SELECT id FROM orders WHERE id = :id', { id: orderId });
    await expect(other.close()).resolves.toBeUndefined();
    await expect(late).resolves.toEqual([expect.objectContaining({ id: orderId })]);
  });
});

describe('a script of statements on SQLite (Database#script)', () => {
  let d: TestDomain;
  let orderId: number;
  beforeAll(async () => {
    d = await openTestDomain('sqlite');
    const { product, buyer } = await makeCatalog({ keys: 1 });
    orderId = (await d.orders.create({ buyerId: buyer.id, productId: product.id, quantity: 1 }, { type: 'bot' })).order.id;
  });
  afterAll(() => d.teardown());

  const event = (actorId: string) =>
    sqliteLiteralSql(
      `INSERT INTO order_events (order_id, action, from_status, to_status, actor_type, actor_id, reason, created_at) VALUES (:orderId, 'noted', NULL, 'pending_payment', 'agent', :actorId, NULL, :at)`,
      { orderId, actorId, at: new Date() },
    );
  const count = async (actorId: string) => (await OrderEvent.count({ where: { actorId } })) as number;

  test('commits all of it, with values written as the driver binds them', async () => {
    await d.db.script([event("it's"), event('二')]);
    expect([await count("it's"), await count('二')]).toEqual([1, 1]);
    const [row] = await runStatement<{ n: number }>(d.db.sequelize, 'SELECT COUNT(*) AS n FROM order_events WHERE actor_id = :a AND created_at <= :now', { a: '二', now: new Date() });
    expect(Number(row!.n)).toBe(1);
  });

  test('a failing statement rolls back what the script did before it, and the next transaction runs normally', async () => {
    await expect(d.db.script([event('half'), 'INSERT INTO no_such_table VALUES (1)'])).rejects.toThrow(/no_such_table/);
    expect(await count('half')).toBe(0);
    await d.db.transaction((t) => insertRows(OrderEvent, [{ orderId, action: 'noted', fromStatus: null, toStatus: 'pending_payment', actorType: 'agent', actorId: 'after', reason: null, createdAt: new Date() }], t));
    expect(await count('after')).toBe(1);
  });

  test('a literal refuses what SQLite would misread', () => {
    expect(sqliteLiteral("a'b")).toBe("'a''b'");
    expect(sqliteLiteral(true)).toBe('1');
    expect(() => sqliteLiteral('a\u0000b')).toThrow(TypeError);
    expect(() => sqliteLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqliteLiteral({})).toThrow(TypeError);
  });
});
