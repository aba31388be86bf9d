// All entities of one message.
import { extractFaceValue } from './face-value';
import { extractOperator, extractPlatform, extractRegion } from './keywords';
import { extractOrderNumbers, withoutOrderNumbers } from './order-numbers';
import type { ProductMatcher } from './product';
import { extractQuantity } from './quantity';
import type { Entities } from './schema';

/** Expects canonicalize()d text; absent entities are left out rather than set to undefined (clean JSON). */
export function extractEntities(canonical: string, products: ProductMatcher): Entities {
  const entities: Entities = { orderNumbers: extractOrderNumbers(canonical) };
  const rest = withoutOrderNumbers(canonical);
  const faceValue = extractFaceValue(rest);
  const quantity = extractQuantity(rest);
  const operator = extractOperator(rest);
  const platform = extractPlatform(rest);
  const region = extractRegion(rest);
  const product = products.match(rest, { faceValue, operator });
  if (product) entities.product = product;
  if (faceValue !== undefined) entities.faceValue = faceValue;
  if (quantity !== undefined) entities.quantity = quantity;
  if (operator) entities.operator = operator;
  if (platform) entities.platform = platform;
  if (region) entities.region = region;
  return entities;
}
