import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { fromUtf8, utf8 } from './bytes.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes, isHex } from './hex.ts';
import { COMPRESSED_LENGTH, p1363ToDer, publicKeyFromHex, verifyDerSignature } from './p256.ts';

/**
 * The `Grid-Wallet-Signature` header value, i.e. a Turnkey API-key stamp:
 * base64url (no padding) of the compact JSON
 *   {"publicKey":<compressed hex>,"scheme":"SIGNATURE_SCHEME_TK_API_P256","signature":<DER hex>}
 * with the keys in exactly that order; the signature is ECDSA-P256-SHA256 over the
 * UTF-8 bytes of `payloadToSign`, exactly as the server returned it.
 */
export const STAMP_SCHEME = 'SIGNATURE_SCHEME_TK_API_P256';
const HEADER = 'Grid-Wallet-Signature';
const MAX_STAMP_LENGTH = 1024;

export interface Stamp {
  readonly publicKey: string;
  readonly scheme: typeof STAMP_SCHEME;
  readonly signature: string;
}

export interface StampSigner {
  /** Non-extractable ECDSA P-256 private key, imported once and reused. */
  readonly signingKey: CryptoKey;
  /** The matching compressed public key, lowercase hex (66 characters). */
  readonly publicKeyHex: string;
}

export function encodeStamp(stamp: Stamp): string {
  const json = JSON.stringify({ publicKey: stamp.publicKey, scheme: stamp.scheme, signature: stamp.signature });
  return bytesToBase64url(utf8(json));
}

/** Signs `payloadToSign` and returns the complete header value. */
export async function buildStamp(payloadToSign: string, signer: StampSigner): Promise<string> {
  const raw = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer.signingKey, utf8(payloadToSign));
  return encodeStamp({
    publicKey: signer.publicKeyHex,
    scheme: STAMP_SCHEME,
    signature: bytesToHex(p1363ToDer(new Uint8Array(raw))),
  });
}

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
