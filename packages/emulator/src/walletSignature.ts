import { FormatError, parseStamp, verifyStamp } from '@grid-wallet/core';
import { ApiError } from './errors.ts';

/**
 * The `Grid-Wallet-Signature` header: a Turnkey API-key stamp (format and
 * verification live in packages/core/src/stamp.ts), or, in sandbox mode only, Grid's legacy
 * literal `sandbox-valid-signature`, which skips the cryptography.
 */
export const WALLET_SIGNATURE_HEADER = 'Grid-Wallet-Signature';
export const SANDBOX_SIGNATURE = 'sandbox-valid-signature';

export type WalletSignature =
  | { readonly kind: 'stamp'; readonly header: string /** compressed, lowercase hex */; readonly publicKey: string }
  | { readonly kind: 'sandbox' };

export function missingSignature(): ApiError {
  return new ApiError(401, 'WALLET_SIGNATURE_MISSING', `${WALLET_SIGNATURE_HEADER} header is required`);
}

/** Parses the header without verifying it; 401 WALLET_SIGNATURE_MALFORMED if it is not a stamp. */
export function parseWalletSignature(header: string, sandbox: boolean): WalletSignature {
  if (sandbox && header === SANDBOX_SIGNATURE) return { kind: 'sandbox' };
  try {
    return { kind: 'stamp', header, publicKey: parseStamp(header).publicKey.toLowerCase() };
  } catch (error) {
    const reason = error instanceof FormatError ? error.message : 'not a stamp';
    throw new ApiError(401, 'WALLET_SIGNATURE_MALFORMED', `${WALLET_SIGNATURE_HEADER} could not be parsed`, { reason });
  }
}

/**
 * Checks the ECDSA signature over the exact payloadToSign (high-S accepted) and
 * returns the signing key, or null for the sandbox literal.
 */
export function verifyWalletSignature(signature: WalletSignature, payloadToSign: string): string | null {
  if (signature.kind === 'sandbox') return null;
  if (!verifyStamp(signature.header, payloadToSign)) {
    throw new ApiError(401, 'WALLET_SIGNATURE_INVALID', `${WALLET_SIGNATURE_HEADER} does not verify over payloadToSign`);
  }
  return signature.publicKey;
}
