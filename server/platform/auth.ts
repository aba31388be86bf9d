// API-key authentication for the store's backend: `Authorization: Bearer <key>` or `X-Api-Key: <key>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { DomainError } from '../../models';

// Comparing fixed-length digests keeps the comparison constant-time even when the lengths differ.
const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

function presentedKey(authorization: string | undefined, apiKeyHeader: string | undefined): string | null {
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  return bearer ?? apiKeyHeader?.trim() ?? null;
}

export function requireApiKey(expected: string): RequestHandler {
  const want = digest(expected);
  return (req, res, next) => {
    const given = presentedKey(req.get('authorization'), req.get('x-api-key'));
    if (given !== null && timingSafeEqual(digest(given), want)) return next();
    res.set('WWW-Authenticate', 'Bearer realm="kadesk-platform"');
    next(new DomainError('UNAUTHORIZED', given === null ? 'Send the API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>"' : 'The API key is not valid'));
  };
}
