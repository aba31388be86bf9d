// The shape every platform route shares: parse the path and body with zod (VALIDATION_FAILED otherwise), run
// the service, answer JSON. Errors flow to server/http-errors.ts, the one place that maps codes to statuses.
import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { DomainError } from '../../models';
import { parseInput } from '../../models/validate';

export interface Reply {
  status?: number;
  body: Record<string, unknown>;
}

export interface Parsed<P extends z.ZodType, B extends z.ZodType> {
  params: z.infer<P>;
  body: z.infer<B>;
  req: Request;
}

const hasBody = (req: Request): boolean => Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;

export function route<P extends z.ZodType, B extends z.ZodType>(
  schemas: { params: P; body: B },
  run: (input: Parsed<P, B>) => Promise<Reply>,
): RequestHandler {
  return async (req, res) => {
    // express.json() only reads JSON; anything else would arrive here as "no body" and confuse the error.
    if (hasBody(req) && !req.is('application/json')) {
      throw new DomainError('VALIDATION_FAILED', 'The request body must be JSON (Content-Type: application/json)');
    }
    const params = parseInput(schemas.params, req.params);
    const body = parseInput(schemas.body, req.body ?? {});
    const { status = 200, body: payload } = await run({ params, body, req });
    res.status(status).json(payload);
  };
}

/** 201 for a record that did not exist before the request, 200 for an update or a replay. */
export const createdOr200 = (created: boolean): number => (created ? 201 : 200);
