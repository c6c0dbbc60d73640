import { bytesToBase64url } from './base64url.ts';
import { utf8 } from './bytes.ts';
import { bytesToHex } from './hex.ts';
import { p1363ToDer } from './derSignature.ts';

/**
 * The `Grid-Wallet-Signature` header value, i.e. a Turnkey API-key stamp:
 * base64url (no padding) of the compact JSON
 *   {"publicKey":<compressed hex>,"scheme":"SIGNATURE_SCHEME_TK_API_P256","signature":<DER hex>}
 * with the keys in exactly that order; the signature is ECDSA-P256-SHA256 over the
 * UTF-8 bytes of `payloadToSign`, exactly as the server returned it.
 */
export const STAMP_SCHEME = 'SIGNATURE_SCHEME_TK_API_P256';

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
