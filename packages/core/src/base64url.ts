import { FormatError } from './errors.ts';

const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 §5), as stamps and WebAuthn fields use it. */
export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Accepts unpadded base64url only: padding or `+`/`/` mean the producer used another alphabet. */
export function base64urlToBytes(text: string, what = 'base64url'): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || !BASE64URL_PATTERN.test(text) || text.length % 4 === 1) {
    throw new FormatError(what, 'must be unpadded base64url');
  }
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
