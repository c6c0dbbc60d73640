import bs58check from 'bs58check';
import { FormatError } from './errors.ts';

/**
 * Bitcoin-style base58check with no version byte: payload ‖ first 4 bytes of
 * SHA-256(SHA-256(payload)). Grid's `encryptedSessionSigningKey` uses it.
 */
export function base58checkEncode(payload: Uint8Array): string {
  return bs58check.encode(payload);
}

export function base58checkDecode(text: string, what = 'base58check'): Uint8Array<ArrayBuffer> {
  if (typeof text !== 'string' || text.length === 0) throw new FormatError(what, 'must be a non-empty base58check string');
  try {
    return new Uint8Array(bs58check.decode(text));
  } catch {
    throw new FormatError(what, 'is not valid base58check (bad character or checksum)');
  }
}
