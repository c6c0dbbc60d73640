/**
 * Pure, DOM-free formats shared by the extension, the emulator and the tests.
 * Runs wherever WebCrypto does: a service worker, a page, Node 20.
 */
export * from './amount.ts';
export * from './base58check.ts';
export * from './base64url.ts';
export * from './bytes.ts';
export * from './derSignature.ts';
export * from './enclaveBundle.ts';
export * from './enclaveSigners.ts';
export * from './errors.ts';
export * from './exportBundle.ts';
export * from './extensionOrigins.ts';
export * from './hex.ts';
export * from './hpke.ts';
export * from './keys.ts';
export * from './otpBundle.ts';
export * from './p256.ts';
export * from './passkeyUser.ts';
export * from './sessionBundle.ts';
export * from './stamp.ts';
export * from './textDigest.ts';
export * from './verifyStamp.ts';
export * from './payload.ts';
export * from './signingDecision.ts';
export * from './signingPolicy.ts';
