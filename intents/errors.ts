// Every failure the NLU reports carries a stable code so callers (CLI, server, bot) can branch on it.
export const ERROR_CODES = [
  'invalid_json',
  'invalid_input',
  'invalid_argument',
  'invalid_catalog',
  'invalid_training_data',
  'model_not_found',
  'model_corrupt',
  'training_failed',
  'io_error',
] as const;

export type IntentsErrorCode = (typeof ERROR_CODES)[number];

export class IntentsError extends Error {
  constructor(
    readonly code: IntentsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'IntentsError';
  }

  toJSON(): { code: IntentsErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

/** Keeps typed errors as they are and wraps anything else, so no caller has to guess the shape. */
export function toIntentsError(err: unknown, fallback: IntentsErrorCode): IntentsError {
  if (err instanceof IntentsError) return err;
  return new IntentsError(fallback, err instanceof Error ? err.message : String(err));
}
