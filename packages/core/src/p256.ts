import { p256 } from '@noble/curves/nist.js';
import { SCALAR_LENGTH } from './derSignature.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes } from './hex.ts';

/**
 * P-256 points (reading, encoding, comparing) and checking a DER signature with one.
 * Points are validated (on the curve, not infinity) by @noble/curves; nothing here is
 * secret, so noble's variable-time code is fine. Converting a signature to DER needs
 * none of the curve's arithmetic: derSignature.ts.
 */

export const COMPRESSED_LENGTH = 33;
export const UNCOMPRESSED_LENGTH = 65;

function toPoint(publicKey: Uint8Array, what: string) {
  if (publicKey.length !== COMPRESSED_LENGTH && publicKey.length !== UNCOMPRESSED_LENGTH) {
    throw new FormatError(what, 'must be a 33-byte compressed or 65-byte uncompressed P-256 public key');
  }
  try {
    return p256.Point.fromBytes(publicKey);
  } catch {
    throw new FormatError(what, 'is not a point on the P-256 curve');
  }
}

/** Parses a SEC1 public key from hex (`02`/`03` + 64 or `04` + 128 digits). */
export function publicKeyFromHex(hex: string, what = 'publicKey'): Uint8Array<ArrayBuffer> {
  const bytes = hexToBytes(hex, what);
  toPoint(bytes, what);
  return bytes;
}

export function compressPublicKey(publicKey: Uint8Array, what = 'publicKey'): Uint8Array<ArrayBuffer> {
  return new Uint8Array(toPoint(publicKey, what).toBytes(true));
}

export function uncompressPublicKey(publicKey: Uint8Array, what = 'publicKey'): Uint8Array<ArrayBuffer> {
  return new Uint8Array(toPoint(publicKey, what).toBytes(false));
}

/** True when both encodings (either form) name the same point. */
export function samePublicKey(a: Uint8Array, b: Uint8Array): boolean {
  return toPoint(a, 'publicKey').equals(toPoint(b, 'publicKey'));
}

/** `04…`/`02…`/`03…` hex, either case, as compressed lowercase hex; null when it is not a P-256 point. */
function normalisedKeyHex(hex: string): string | null {
  try {
    return bytesToHex(compressPublicKey(publicKeyFromHex(hex.toLowerCase())));
  } catch {
    return null;
  }
}

/** Whether a public key (SEC1 hex, either form or case) is one of `heldKeys`: the signing policy's `holds`. */
export function heldKeyTest(heldKeys: readonly string[]): (publicKeyHex: string) => boolean {
  const held = new Set(heldKeys.map(normalisedKeyHex));
  return (publicKeyHex) => held.has(normalisedKeyHex(publicKeyHex) ?? 'not a key');
}

export function publicKeyFromScalar(scalar: Uint8Array, compressed: boolean): Uint8Array<ArrayBuffer> {
  if (scalar.length !== SCALAR_LENGTH || !p256.utils.isValidSecretKey(scalar)) {
    throw new FormatError('privateKey', 'is not a valid P-256 scalar');
  }
  return new Uint8Array(p256.getPublicKey(scalar, compressed));
}

/** A uniformly random scalar in [1, n), from the platform CSPRNG. */
export function randomScalar(): Uint8Array<ArrayBuffer> {
  return new Uint8Array(p256.utils.randomSecretKey());
}

/**
 * Verifies an ECDSA-P256-SHA256 DER signature over `message` (hashed here).
 * High-S signatures are valid: Turnkey's and WebCrypto's signers never normalise S.
 */
export function verifyDerSignature(publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array): boolean {
  try {
    return p256.verify(signature, message, publicKey, { format: 'der', lowS: false, prehash: true });
  } catch {
    return false;
  }
}
