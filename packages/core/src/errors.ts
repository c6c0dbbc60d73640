/**
 * What is wrong with a value, so callers choose their answer from the kind and never
 * from the wording:
 * - 'malformed': not in the expected shape (the default);
 * - 'untrusted': an enclave bundle whose signature is missing, incomplete, does not
 *   verify, or comes from a key this wallet does not trust under its settings;
 * - 'did-not-open': well formed and trusted, but not for this recipient: the wrong
 *   organisation, a ciphertext that does not open with this key, or plaintext that is
 *   not what it should be.
 */
export type FormatErrorKind = 'malformed' | 'untrusted' | 'did-not-open';

/**
 * The one error type `packages/core` throws for input it cannot use. `what` names the
 * value (e.g. "encryptedSessionSigningKey") and `reason` says what is wrong with it,
 * so callers can turn it into a field-level message without leaking the value itself;
 * `kind` sorts it for callers that answer differently (see FormatErrorKind).
 */
export class FormatError extends Error {
  override readonly name = 'FormatError';
  constructor(
    readonly what: string,
    readonly reason: string,
    readonly kind: FormatErrorKind = 'malformed',
  ) {
    super(`${what}: ${reason}`);
  }
}
