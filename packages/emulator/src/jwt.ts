import { bytesToBase64url, fromUtf8, utf8, base64urlToBytes } from '@grid-wallet/core';

/**
 * Compact JWTs (RFC 7519): `base64url(header).base64url(claims).base64url(signature)`.
 * The emulator issues two kinds: ES256 OTP verification tokens (enclave.ts) and
 * sandbox OIDC tokens with a dummy signature (oauth.ts).
 */

export function encodeSegment(value: Record<string, unknown>): string {
  return bytesToBase64url(utf8(JSON.stringify(value)));
}

export interface DecodedJwt {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
}

/** Splits and decodes a compact JWT without checking its signature; null if it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((part) => part === '')) return null;
  try {
    const [header, claims] = parts.slice(0, 2).map((part) => JSON.parse(fromUtf8(base64urlToBytes(part))) as unknown);
    const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
    return isObject(header) && isObject(claims) ? { header, claims } : null;
  } catch {
    return null;
  }
}
