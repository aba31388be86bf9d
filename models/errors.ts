// Domain errors are values with stable codes; server/ maps them to HTTP statuses and socket acks in one place.
export const ERROR_CODES = {
  VALIDATION_FAILED: 'The request is malformed',
  UNAUTHORIZED: 'A valid API key is required',
  NOT_FOUND: 'No such record',
  ORDER_NOT_FOUND: 'No such order',
  PRODUCT_NOT_FOUND: 'No such product',
  BUYER_NOT_FOUND: 'No such buyer',
  MERCHANT_NOT_FOUND: 'No such merchant',
  REFUND_NOT_FOUND: 'No such refund',
  OUT_OF_STOCK: 'Not enough card keys in stock',
  PRODUCT_INACTIVE: 'The product is not on sale',
  INVALID_TRANSITION: 'The order is not in a state that allows this action',
  ORDER_NOT_CANCELLABLE: 'The order cannot be cancelled automatically; an agent must handle it as a dispute',
  CREDIT_RESTRICTED: 'The buyer is restricted; cancellations need an agent',
  PAYMENT_AMOUNT_MISMATCH: 'The paid amount does not match the order amount',
  PAYMENT_CONFLICT: 'This payment id is already recorded for another order',
  IDEMPOTENCY_CONFLICT: 'This request id was already used with different content',
  CARD_KEYS_REQUIRED: 'This product is fulfilled by the merchant; card keys must be supplied',
  ORDER_CHANGED: 'The order changed meanwhile; reload and retry',
  ORDER_NO_TAKEN: 'Another request already created an order with this order number',
  PRODUCT_NOT_STOCKED: 'This product is fulfilled by the merchant and holds no card-key stock',
  AUTH_REQUIRED: 'A desk token is required',
  AUTH_INVALID: 'The email, password or token is not valid',
  AUTH_LOCKED: 'Too many failed sign-ins; the account is locked for a while',
  FORBIDDEN: 'Your role does not allow this',
  RATE_LIMITED: 'Too many attempts; wait a moment',
  HANDOFF_TAKEN: 'Another agent already holds this conversation',
  HANDOFF_CLOSED: 'This conversation is closed',
  CAPACITY_REACHED: 'The agent already holds as many conversations as allowed',
  NOT_HOLDER: 'Only the agent holding the conversation may do this',
  TAG_REQUIRED: 'A conversation that involved a cancellation needs its category and reason before closing',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export const isDomainError = (err: unknown): err is DomainError => err instanceof DomainError;
