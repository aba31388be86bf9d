// Migration 0005 (supervisors) goes down and up again without disturbing the tables it touches.
import { QueryTypes } from 'sequelize';
import { createMigrator } from '../../models/migrator';
import { dialects } from '../helpers/databases';
import { openTestDomain, TestDomain } from '../helpers/domain';

describe.each(dialects())('migration 0005-supervisor on %s', (dialect) => {
  let d: TestDomain;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
  });
  afterAll(() => d.teardown());

  const indexes = async () => {
    const sql =
      dialect === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'conversation_messages' AND name NOT LIKE 'sqlite_%'"
        : "SELECT indexname AS name FROM pg_indexes WHERE tablename = 'conversation_messages' AND indexname NOT LIKE '%pkey'";
    return (await d.db.sequelize.query<{ name: string }>(sql, { type: QueryTypes.SELECT })).map((r) => r.name).sort();
  };

  test('down removes its tables and columns and keeps the message indexes; up restores them', async () => {
    const before = await indexes();
    expect(before).toContain('conversation_messages_nlu_intent_nlu_confidence');
    const migrator = createMigrator(d.db.sequelize);
    await migrator.down({ to: '0005-supervisor' });
    expect(await indexes()).toEqual(before.filter((n) => n !== 'conversation_messages_nlu_intent_nlu_confidence'));
    const tables = await d.db.sequelize.getQueryInterface().showAllTables();
    expect(tables).not.toContain('analytics_order_hours');
    expect(tables).not.toContain('intent_utterances');
    await migrator.up();
    expect(await indexes()).toEqual(before);
    const [[watermarks]] = (await d.db.sequelize.query('SELECT COUNT(*) AS n FROM analytics_watermarks')) as [[{ n: number | string }], unknown];
    expect(Number(watermarks.n)).toBe(2);
  });
});
