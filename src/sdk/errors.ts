import { ErrorCode, type ErrorPayload } from '../protocol/index.ts';

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
