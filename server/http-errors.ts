// The one place domain error codes become HTTP statuses and socket acknowledgement errors.
import type { ErrorRequestHandler } from 'express';
import { DomainError, ErrorCode, isDomainError } from '../models';
import type { Logger } from './logger';

const STATUS: Partial<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  CARD_KEYS_REQUIRED: 400,
  PAYMENT_AMOUNT_MISMATCH: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  BUYER_NOT_FOUND: 404,
  MERCHANT_NOT_FOUND: 404,
  REFUND_NOT_FOUND: 404,
  OUT_OF_STOCK: 409,
  PRODUCT_INACTIVE: 409,
  INVALID_TRANSITION: 409,
  ORDER_NOT_CANCELLABLE: 409,
  CREDIT_RESTRICTED: 409,
  PAYMENT_CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  ORDER_CHANGED: 409,
  ORDER_NO_TAKEN: 409,
  PRODUCT_NOT_STOCKED: 409,
  AUTH_REQUIRED: 401,
  AUTH_INVALID: 401,
  AUTH_LOCKED: 423,
  FORBIDDEN: 403,
  NOT_HOLDER: 403,
  RATE_LIMITED: 429,
  HANDOFF_TAKEN: 409,
  HANDOFF_CLOSED: 409,
  CAPACITY_REACHED: 409,
  TAG_REQUIRED: 409,
};

export const httpStatusOf = (err: DomainError): number => STATUS[err.code] ?? 400;

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Anything that is not a DomainError is a bug: logged in full, answered without internals. */
export function toErrorBody(err: unknown): { status: number; body: ErrorBody } {
  if (isDomainError(err)) return { status: httpStatusOf(err), body: { error: err.toJSON() } };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    // express.json() rejects bad bodies with a status and type of its own.
    if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'VALIDATION_FAILED', message: 'The request body is not valid JSON' } });
      return;
    }
    if (err && typeof err === 'object' && 'type' in err && err.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'VALIDATION_FAILED', message: 'The request body is too large' } });
      return;
    }
    const { status, body } = toErrorBody(err);
    if (status === 500) logger.error({ err, path: req.path }, 'unhandled error');
    res.status(status).json(body);
  };
}
