/**
 * What needs the P-256 curve's arithmetic (noble) or HPKE: sealing and opening bundles (session, one-time-code
 * target, wallet export), making and importing keys, and reading or comparing public keys. It is about half of the
 * worker's code, and a stamp (what a cold start is most often woken for) needs none of it: WebCrypto signs, and
 * derSignature.ts encodes the signature. Reached only through `loadCurve()`, so Firefox's event page loads it on
 * first use (docs/architecture.md §3, "The worker's start").
 */
export {
  compressPublicKey,
  encryptOtpBundle,
  generateP256Key,
  heldKeyTest,
  importP256Scalar,
  openExportBundle,
  openSessionBundle,
  parseExportBundle,
  parseTargetBundle,
  samePublicKey,
} from '@grid-wallet/core';
