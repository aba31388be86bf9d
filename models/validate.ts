// Turns a schema failure into the domain's VALIDATION_FAILED error, so bad input never reaches the database.
import type { z } from 'zod';
import { DomainError } from './errors';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const first = issues[0];
  throw new DomainError('VALIDATION_FAILED', first ? `${first.path || 'input'}: ${first.message}` : undefined, { issues });
}
