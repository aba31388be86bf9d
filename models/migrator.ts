// Schema changes happen only here, through umzug; the list is explicit so the order never depends on file globbing.
import { SequelizeStorage, Umzug } from 'umzug';
import type { Sequelize } from 'sequelize';
import * as m0001 from './migrations/0001-initial';
import * as m0002 from './migrations/0002-conversations';
import * as m0003 from './migrations/0003-card-key-serial-unique';
import * as m0004 from './migrations/0004-desk';
import * as m0005 from './migrations/0005-supervisor';
import * as m0006 from './migrations/0006-message-turn';

const MIGRATIONS = [
  { name: '0001-initial', ...m0001 },
  { name: '0002-conversations', ...m0002 },
  { name: '0003-card-key-serial-unique', ...m0003 },
  { name: '0004-desk', ...m0004 },
  { name: '0005-supervisor', ...m0005 },
  { name: '0006-message-turn', ...m0006 },
];

export function createMigrator(sequelize: Sequelize, logger: Console | undefined = undefined) {
  return new Umzug({
    migrations: MIGRATIONS,
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize, tableName: 'schema_migrations' }),
    logger,
  });
}

/** Applies pending migrations and returns the names applied. */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const applied = await createMigrator(sequelize).up();
  return applied.map((m) => m.name);
}
