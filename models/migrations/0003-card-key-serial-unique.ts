// A card's serial is unique within its product: the catalog service skips duplicates, and this index makes sure
// no code path can ever sell the same card twice.
import type { QueryInterface } from 'sequelize';

const NAME = 'card_keys_product_serial_unique';

export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('card_keys', ['product_id', 'serial'], { unique: true, name: NAME });
}

export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('card_keys', NAME);
}
