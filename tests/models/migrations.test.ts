import { UniqueConstraintError } from 'sequelize';
import { CardKey } from '../../models';
import { createMigrator } from '../../models/migrator';
import { dialects } from '../helpers/databases';
import { makeCatalog, openTestDomain, TestDomain } from '../helpers/domain';

describe.each(dialects())('migrations on %s', (dialect) => {
  let d: TestDomain;
  beforeAll(async () => {
    d = await openTestDomain(dialect);
  });
  afterAll(() => d.teardown());

  test('all migrations are applied, and a second run applies nothing', async () => {
    const migrator = createMigrator(d.db.sequelize);
    expect(await migrator.pending()).toEqual([]);
    expect((await migrator.executed()).map((m) => m.name)).toEqual(expect.arrayContaining(['0001-initial', '0003-card-key-serial-unique']));
    expect(await migrator.up()).toEqual([]);
  });

  test('a card serial cannot be stocked twice for one product', async () => {
    const { product } = await makeCatalog({ keys: 1 });
    const dup = { productId: product.id, serial: `SN${product.id}-0`, secret: 'other', status: 'available' as const, orderId: null, reservedAt: null, deliveredAt: null, revealedAt: null };
    await expect(CardKey.create(dup)).rejects.toBeInstanceOf(UniqueConstraintError);
    expect(await CardKey.count({ where: { productId: product.id } })).toBe(1);
  });

  test('down and up again round-trips the schema', async () => {
    const migrator = createMigrator(d.db.sequelize);
    await migrator.down({ to: '0003-card-key-serial-unique' });
    // Every migration from 0003 on is pending again (later ones are appended by other features).
    expect((await migrator.pending()).map((m) => m.name).slice(0, 2)).toEqual(['0003-card-key-serial-unique', '0004-desk']);
    await migrator.up();
    expect(await migrator.pending()).toEqual([]);
  });
});
