import { DER } from '@noble/curves/abstract/der.js';
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js';
import { concatBytes } from './bytes.ts';
import { FormatError } from './errors.ts';
import { hexToBytes } from './hex.ts';

/**
 * ECDSA P-256 signatures between WebCrypto's IEEE P1363 r‖s and the ASN.1 DER that Grid wants. Apart from p256.ts
 * because a stamp needs only this: noble's DER codec without its curve arithmetic, which a cold worker would
 * otherwise load before its first stamp (docs/architecture.md §3, "The worker's start").
 */

/** A P-256 scalar's length in bytes: a private key, and each half of a signature. */
export const SCALAR_LENGTH = 32;
/** P-256's group order n (SEC 2, FIPS 186-5); derSignature.test.ts checks it against noble's curve. */
export const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
/** Both halves of a signature are in [1, n): WebCrypto's always are, anything else is not a P-256 signature. */
const inRange = (x: bigint) => x > 0n && x < P256_ORDER;
/** One more than a scalar: DER pads an INTEGER whose top bit is set with a zero octet. */
const MAX_DER_INTEGER_LENGTH = SCALAR_LENGTH + 1;

/** noble encodes minimal DER (no superfluous leading zeros), which strict verifiers need. */
export function p1363ToDer(signature: Uint8Array): Uint8Array<ArrayBuffer> {
  if (signature.length !== 2 * SCALAR_LENGTH) throw new FormatError('signature', 'must be 64 bytes r‖s');
  const r = bytesToNumberBE(signature.subarray(0, SCALAR_LENGTH));
  const s = bytesToNumberBE(signature.subarray(SCALAR_LENGTH));
  if (!inRange(r) || !inRange(s)) throw new FormatError('signature', 'is not a valid ECDSA signature (r or s out of range)');
  return hexToBytes(DER.hexFromSig({ r, s }));
}

export function derToP1363(signature: Uint8Array): Uint8Array<ArrayBuffer> {
  let r: bigint;
  let s: bigint;
  try {
    ({ r, s } = DER.toSig(signature, MAX_DER_INTEGER_LENGTH));
  } catch {
    throw new FormatError('signature', 'is not a valid DER ECDSA signature');
  }
  if (!inRange(r) || !inRange(s)) throw new FormatError('signature', 'is not a valid DER ECDSA signature');
  return concatBytes(numberToBytesBE(r, SCALAR_LENGTH), numberToBytesBE(s, SCALAR_LENGTH));
}
