import { openDatabase } from '../../models/db';
import { migrate as runMigrations } from '../../models/migrator';
import { loadConfig } from '../config';

export async function migrate(): Promise<number> {
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl });
  try {
    const applied = await runMigrations(db.sequelize);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    return 0;
  } finally {
    await db.close();
  }
}
