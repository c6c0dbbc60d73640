import { ErrorCode, type ErrorPayload } from '../protocol/index.ts';

export { ErrorCode };

/** An error the extension answered, with its protocol code (DESIGN §3). */
export class GridWalletError extends Error {
  override readonly name = 'GridWalletError';
  readonly code: ErrorCode;
  readonly data?: Record<string, unknown>;

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
  override readonly name = 'GridApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
