/**
 * The one error type `src/core` throws for input it cannot use. `what` names the
 * value (e.g. "encryptedSessionSigningKey") and `reason` says what is wrong with it,
 * so callers can turn it into a field-level message without leaking the value itself.
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    readonly what: string,
    readonly reason: string,
  ) {
    super(`${what}: ${reason}`);
  }
}
