import { base64urlToBytes } from './base64url.ts';
import { fromUtf8, utf8 } from './bytes.ts';
import { FormatError } from './errors.ts';
import { hexToBytes, isHex } from './hex.ts';
import { COMPRESSED_LENGTH, publicKeyFromHex, verifyDerSignature } from './p256.ts';
import { STAMP_SCHEME, type Stamp } from './stamp.ts';

/**
 * Reading and verifying a `Grid-Wallet-Signature` stamp (stamp.ts makes one), as a server does: the emulator and
 * the tests. Apart from stamp.ts because it needs the curve's arithmetic, which making a stamp does not.
 */

const HEADER = 'Grid-Wallet-Signature';
const MAX_STAMP_LENGTH = 1024;

/** Parses a header value into its fields, checking each one's encoding (not the signature). */
export function parseStamp(header: string): Stamp {
  if (typeof header !== 'string' || header.length === 0 || header.length > MAX_STAMP_LENGTH) {
    throw new FormatError(HEADER, `must be a non-empty string of at most ${MAX_STAMP_LENGTH} characters`);
  }
  let value: unknown;
  try {
    value = JSON.parse(fromUtf8(base64urlToBytes(header, HEADER)));
  } catch (error) {
    if (error instanceof FormatError) throw error;
    throw new FormatError(HEADER, 'is not base64url-encoded JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(HEADER, 'must encode a JSON object');
  const { publicKey, scheme, signature } = value as Record<string, unknown>;
  if (scheme !== STAMP_SCHEME) throw new FormatError(`${HEADER}.scheme`, `must be ${STAMP_SCHEME}`);
  if (typeof publicKey !== 'string' || publicKey.length !== COMPRESSED_LENGTH * 2) {
    throw new FormatError(`${HEADER}.publicKey`, 'must be a compressed P-256 public key (66 hex digits)');
  }
  publicKeyFromHex(publicKey, `${HEADER}.publicKey`);
  if (typeof signature !== 'string' || !isHex(signature) || signature.length < 16 || signature.length > 144) {
    throw new FormatError(`${HEADER}.signature`, 'must be a hex DER ECDSA signature');
  }
  return { publicKey, scheme, signature };
}

/** True when `header` is a well-formed stamp whose signature verifies over `payloadToSign`. */
export function verifyStamp(header: string, payloadToSign: string): boolean {
  let stamp: Stamp;
  try {
    stamp = parseStamp(header);
  } catch {
    return false;
  }
  return verifyDerSignature(hexToBytes(stamp.publicKey), hexToBytes(stamp.signature), utf8(payloadToSign));
}
