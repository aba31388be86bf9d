import { QueryTypes } from 'sequelize';
import { openDatabase } from '../../models/db';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

// SQLite keeps no statistics unless asked; without them its planner picks indexes by shape alone, and on a large
// store the credit check scanned every recent cancellation instead of one buyer's (tests/bench/orders.bench.ts).
describe('planner statistics on sqlite', () => {
  let d: TestDomain;
  beforeEach(async () => {
    d = await openTestDomain('sqlite');
  });
  afterEach(() => d.teardown());

  const analyzed = async (sequelize: TestDomain['db']['sequelize']) =>
    (await sequelize.query<{ tbl: string }>('SELECT DISTINCT tbl FROM sqlite_stat1', { type: QueryTypes.SELECT }).catch(() => [])).map((r) => r.tbl);

  test('optimize() gathers statistics for tables that filled up since', async () => {
    await makeCatalog({ keys: 200 });
    expect(await analyzed(d.db.sequelize)).not.toContain('card_keys');
    await d.db.optimize();
    expect(await analyzed(d.db.sequelize)).toContain('card_keys');
  });

  test('opening a database without statistics gathers them', async () => {
    await makeCatalog({ keys: 200 });
    const again = await openDatabase({ url: d.testDb.url });
    try {
      expect(await analyzed(again.sequelize)).toEqual(expect.arrayContaining(['card_keys', 'products']));
    } finally {
      await again.close();
    }
  });
});
