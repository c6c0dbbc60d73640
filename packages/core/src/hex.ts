import { FormatError } from './errors.ts';

const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

/** Lowercase hex, the form every Grid and Turnkey field uses. */
export function bytesToHex(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += byte.toString(16).padStart(2, '0');
  return out;
}

export function isHex(text: string): boolean {
  return HEX_PATTERN.test(text);
}

/** Accepts either case; rejects odd lengths and non-hex characters. */
export function hexToBytes(hex: string, what = 'hex'): Uint8Array<ArrayBuffer> {
  if (typeof hex !== 'string') throw new FormatError(what, 'must be a hex string');
  if (!isHex(hex)) throw new FormatError(what, 'must be an even number of hex digits');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
