import type { Exchange } from './exchange.ts';

/**
 * Where the emulator deliberately differs from Grid's published document, by
 * name: the document's operationId, which side, and why. Everything not listed
 * here must match the document exactly, or the test that caused it fails.
 * Remove an entry as soon as its reason is gone.
 */
export interface ContractException {
  /** The document's operationId (e.g. `verifyAuthCredential`). */
  readonly operation: string;
  readonly direction: 'request' | 'response' | 'both';
  readonly reason: string;
  /** Narrows the exception to some exchanges of that operation; all of them when absent. */
  readonly appliesTo?: (exchange: Exchange) => boolean;
}

export const CONTRACT_EXCEPTIONS: readonly ContractException[] = [
  {
    operation: 'verifyAuthCredential',
    direction: 'request',
    reason:
      'the plaintext-OTP seed flow {type, otp, clientPublicKey} was removed from the document on 2026-06-04; ' +
      'the emulator accepts it only when started with legacyPlaintextOtp (--legacy-plaintext-otp), for the demo’s seed flow',
    appliesTo: (exchange) => typeof exchange.requestBody === 'object' && exchange.requestBody !== null && 'otp' in exchange.requestBody,
  },
];
