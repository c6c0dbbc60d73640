import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64urlToBytes, bytesToBase64url } from './base64url.ts';
import { expectFormatError } from './testReference.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 4648 §10 test vectors, in the URL-safe alphabet (§5) with the padding removed.
const RFC4648 = [
  ['', ''],
  ['f', 'Zg'],
  ['fo', 'Zm8'],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg'],
  ['fooba', 'Zm9vYmE'],
  ['foobar', 'Zm9vYmFy'],
] as const;

describe('base64url', () => {
  it.each(RFC4648)('RFC 4648 vector %j <-> %j', (plain, encoded) => {
    expect(bytesToBase64url(ascii(plain))).toBe(encoded);
    expect(base64urlToBytes(encoded)).toEqual(ascii(plain));
  });

  it('uses "-" and "_" for values 62 and 63 (RFC 4648 §5)', () => {
    // 0xfb 0xff 0xbf = 111110 111111 111110 111111 = 62 63 62 63, "+/+/" in standard base64.
    expect(bytesToBase64url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect([...base64urlToBytes('-_-_')]).toEqual([0xfb, 0xff, 0xbf]);
    expect(bytesToBase64url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
  });

  it('agrees with node Buffer on random input of every small length, and on a large one', () => {
    for (let length = 0; length < 100; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      const text = Buffer.from(bytes).toString('base64url');
      expect(bytesToBase64url(bytes)).toBe(text);
      expect(base64urlToBytes(text)).toEqual(bytes);
    }
    const big = new Uint8Array(randomBytes(40_000)); // crosses the 0x8000 chunking
    expect(bytesToBase64url(big)).toBe(Buffer.from(big).toString('base64url'));
    expect(base64urlToBytes(bytesToBase64url(big))).toEqual(big);
  });

  it('rejects the standard alphabet, padding and impossible lengths', () => {
    const reason = 'must be unpadded base64url';
    expectFormatError(() => base64urlToBytes('+/+/'), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('ab+c'), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('ab/c'), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('Zg=='), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('Zm8='), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('Zm9vY'), 'base64url', reason); // 5 chars: 4n+1 is never valid
    expectFormatError(() => base64urlToBytes('Zm9v Yg'), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('Zm9v\nYg'), 'base64url', reason);
    expectFormatError(() => base64urlToBytes('Zm9v!', 'stamp'), 'stamp', reason);
    expectFormatError(() => base64urlToBytes(undefined as unknown as string, 'stamp'), 'stamp', reason);
  });
});
