// Errors the widget protocol reports: in `connect_error` (auth) and in message acknowledgements. Domain errors
// keep their own codes; anything unexpected is INTERNAL and logged.
import { isDomainError } from '../models';

export const WIDGET_ERRORS = {
  AUTH_REQUIRED: 'A widget token is required (auth.token)',
  AUTH_INVALID: 'The widget token is not valid',
  AUTH_EXPIRED: 'The widget token has expired',
  VALIDATION_FAILED: 'The request is malformed',
  TEXT_TOO_LONG: 'Messages are limited to 2000 characters',
  UNKNOWN_POSTBACK: 'This button is not known',
  RATE_LIMITED: 'Too many messages; wait a moment',
  INTERNAL: 'Internal error',
} as const;
export type WidgetErrorCode = keyof typeof WIDGET_ERRORS;

export interface WireError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export class WidgetError extends Error {
  constructor(
    readonly code: WidgetErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message ?? WIDGET_ERRORS[code]);
    this.name = 'WidgetError';
  }

  toJSON(): WireError {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

/** The ack error for any failure; `internal` is true when it is a bug the caller should log. */
export function toWireError(err: unknown): { error: WireError; internal: boolean } {
  if (err instanceof WidgetError || isDomainError(err)) return { error: err.toJSON(), internal: false };
  return { error: { code: 'INTERNAL', message: WIDGET_ERRORS.INTERNAL }, internal: true };
}
