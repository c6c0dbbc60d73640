import { ErrorCode, type ErrorPayload } from '@grid-wallet/protocol';

export { ErrorCode };

/** An error the extension answered, with its protocol code (docs/protocol.md). */
export class GridWalletError extends Error {
  /** Always `'GridWalletError'`. */
  override readonly name = 'GridWalletError';
  /** The protocol error code, e.g. 4001 when the user declined (see {@link ErrorCode}). */
  readonly code: ErrorCode;
  /** Extra detail the extension sent, e.g. `{reason}` with 4404 or `{field}` with -32602; absent when none. */
  readonly data?: Record<string, unknown>;

  /** @param payload The error the extension answered with. */
  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.code = payload.code;
    if (payload.data !== undefined) this.data = payload.data;
  }

  /** The user said no, or closed the prompt (4001). */
  get userRejected(): boolean {
    return this.code === ErrorCode.userRejected;
  }
}

/** Grid (or the integrator's relay) answered with an error body `{status, code, message}`. */
export class GridApiError extends Error {
  /** Always `'GridApiError'`. */
  override readonly name = 'GridApiError';
  /**
   * @param status The HTTP status Grid answered with.
   * @param code Grid's error code, or `'HTTP_ERROR'` when the body had none.
   * @param message Grid's message, or a generic one naming the status.
   * @param details Grid's `details`, as sent; absent when none.
   */
  constructor(
    /** The HTTP status Grid answered with (outside 200–299). */
    readonly status: number,
    /** Grid's error code from the body, or `'HTTP_ERROR'` when the body had none. */
    readonly code: string,
    message: string,
    /** Grid's `details`, as sent; absent when none. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** What went wrong inside the SDK itself, before or after the extension and Grid were asked. */
export type SdkErrorCode =
  /** An argument is missing or of the wrong shape; `field` names it. */
  | 'INVALID_ARGUMENT'
  /** The quote cannot be paid as it is (not PENDING, no EMBEDDED_WALLET payload, a passkey challenge). */
  | 'QUOTE_NOT_PAYABLE'
  /** The integrator's transport threw (network down, relay unreachable); `cause` is what it threw. */
  | 'TRANSPORT_FAILED'
  /** Grid answered with a body the flow cannot continue from (a missing bundle or challenge, too many signatures). */
  | 'UNEXPECTED_RESPONSE';

/** The SDK's own failure, with a {@link SdkErrorCode}; never carries the API token (the SDK never sees it). */
export class GridSdkError extends Error {
  /** Always `'GridSdkError'`. */
  override readonly name = 'GridSdkError';

  /**
   * @param code What kind of failure it is.
   * @param message What happened, naming the field or the request.
   * @param details `field` for INVALID_ARGUMENT; `cause` for TRANSPORT_FAILED; `payment` when a
   *   payment's execute call failed in transport after the customer signed (see {@link payQuote}).
   */
  constructor(
    /** What kind of failure it is. */
    readonly code: SdkErrorCode,
    message: string,
    details: { field?: string; cause?: unknown; payment?: SignedPayment } = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.field !== undefined) this.field = details.field;
    if (details.payment !== undefined) this.payment = details.payment;
  }

  /** INVALID_ARGUMENT: the argument at fault, e.g. `quote.id` or `options.sessionId`. */
  readonly field?: string;
  /**
   * TRANSPORT_FAILED while executing a payment: the customer's signature and the
   * idempotency key used. Pass both to `payQuote` again to retry without asking
   * the customer twice; Grid answers a repeated key with the first call's result.
   */
  readonly payment?: SignedPayment;
}

/** A payment the customer already signed: what a retry of `payQuote` re-uses. */
export interface SignedPayment {
  /** The `Idempotency-Key` the execute call was sent with. */
  idempotencyKey: string;
  /** The customer's `Grid-Wallet-Signature` over the quote's payload. */
  signature: string;
}

/** Throws INVALID_ARGUMENT unless `value` is a non-empty string. */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') {
    throw new GridSdkError('INVALID_ARGUMENT', `${field} must be a non-empty string, got ${kindOf(value)}`, { field });
  }
  return value;
}

/** Throws INVALID_ARGUMENT unless `value` is a plain object. */
export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new GridSdkError('INVALID_ARGUMENT', `${field} must be an object, got ${kindOf(value)}`, { field });
  }
  return value as Record<string, unknown>;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'an empty string' : typeof value;
}
