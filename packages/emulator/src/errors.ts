/**
 * The one error type route handlers throw. The HTTP layer renders it as Grid's
 * `{status, code, message, details?}` body (or Authsignal's shape on `/v1`).
 * Messages and details name fields and reasons, never secret values.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** 400 naming the offending field, with Grid's FieldError list in `details`; INVALID_INPUT unless a more precise Error400 code applies. */
export function invalidInput(field: string, problem: string, code = 'INVALID_INPUT'): ApiError {
  return new ApiError(400, code, `${field}: ${problem}`, { errors: [{ field, message: problem }] });
}

/**
 * 404. Grid's Error404 has codes for a missing customer (USER_NOT_FOUND) and quote
 * (QUOTE_NOT_FOUND), none for a credential, session, internal account or delegated
 * key; its generic one is REFERENCE_NOT_FOUND.
 */
export function notFound(what: string, code = 'REFERENCE_NOT_FOUND'): ApiError {
  return new ApiError(404, code, `${what} not found`);
}

/** 401 UNAUTHORIZED with a machine-friendly `details.reason`, as Grid's sandbox documents. */
export function unauthorized(reason: string): ApiError {
  return new ApiError(401, 'UNAUTHORIZED', `Unauthorized: ${reason}`, { reason });
}

export function rateLimited(retryAfterSeconds: number, what: string): ApiError {
  return new ApiError(429, 'RATE_LIMITED', `Too many ${what}; retry after ${retryAfterSeconds} s`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  });
}
