import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base58checkDecode, base58checkEncode } from './base58check.ts';
import {
  expectFormatError,
  hex,
  referenceBase58checkDecode,
  referenceBase58checkEncode,
  referenceBase58Decode,
  referenceBase58Encode,
  unhex,
} from './testReference.ts';

const BAD = 'is not valid base58check (bad character or checksum)';

describe('base58check', () => {
  it('decodes a well-known vector: the Bitcoin genesis address', () => {
    // Version byte 0x00 ‖ HASH160 of the genesis coinbase key, as every block explorer shows it.
    const payload = base58checkDecode('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
    expect(hex(payload)).toBe('0062e907b15cbf27d5425399ebf6f0fb50ebb88f18');
    expect(base58checkEncode(unhex('0062e907b15cbf27d5425399ebf6f0fb50ebb88f18'))).toBe('1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa');
  });

  it('agrees with a reference implementation in both directions (incl. leading zero bytes)', () => {
    for (let i = 0; i < 200; i++) {
      const payload = new Uint8Array(randomBytes(i % 90));
      if (i % 7 === 0 && payload.length > 2) payload.fill(0, 0, 2); // leading zeros become leading '1's
      const ours = base58checkEncode(payload);
      expect(ours).toBe(referenceBase58checkEncode(payload));
      expect(referenceBase58checkDecode(ours)).toEqual(payload);
      expect(base58checkDecode(referenceBase58checkEncode(payload))).toEqual(payload);
    }
  });

  it('rejects a wrong checksum', () => {
    const payload = new Uint8Array(randomBytes(40));
    const raw = referenceBase58Decode(referenceBase58checkEncode(payload));
    for (const index of [raw.length - 4, raw.length - 1]) {
      const corrupted = new Uint8Array(raw);
      corrupted[index]! ^= 0x01;
      expectFormatError(() => base58checkDecode(referenceBase58Encode(corrupted)), 'base58check', BAD);
    }
    // The payload without any checksum at all is also rejected.
    expectFormatError(() => base58checkDecode(referenceBase58Encode(payload)), 'base58check', BAD);
  });

  it('rejects characters outside the base58 alphabet', () => {
    const good = referenceBase58checkEncode(new Uint8Array(randomBytes(40)));
    for (const char of ['0', 'O', 'I', 'l', '+', '/', '=', ' ', '-', 'é']) {
      const bad = good.slice(0, 10) + char + good.slice(11);
      expectFormatError(() => base58checkDecode(bad, 'bundle'), 'bundle', BAD);
    }
  });

  it('rejects empty and non-string input', () => {
    expectFormatError(() => base58checkDecode(''), 'base58check', 'must be a non-empty base58check string');
    expectFormatError(() => base58checkDecode(null as unknown as string), 'base58check', 'must be a non-empty base58check string');
    expectFormatError(() => base58checkDecode('111'), 'base58check', BAD); // shorter than a checksum
  });
});
