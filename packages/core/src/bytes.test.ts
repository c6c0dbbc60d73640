import { describe, expect, it } from 'vitest';
import { bytesEqual, concatBytes, fromUtf8, utf8, wipe } from './bytes.ts';

describe('bytes', () => {
  it('utf8 / fromUtf8 round-trip non-ASCII text byte-exactly', () => {
    expect([...utf8('é€😀')]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
    expect(fromUtf8(new Uint8Array([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]))).toBe('é€😀');
  });

  it('fromUtf8 throws on invalid UTF-8 instead of inserting U+FFFD', () => {
    expect(() => fromUtf8(new Uint8Array([0x7b, 0xff, 0x7d]))).toThrow();
    expect(() => fromUtf8(new Uint8Array([0xc3]))).toThrow(); // truncated sequence
    expect(() => fromUtf8(new Uint8Array([0xc0, 0xaf]))).toThrow(); // overlong "/"
  });

  it('concatBytes joins views in order', () => {
    const backing = new Uint8Array([9, 1, 2, 9]);
    expect([...concatBytes(backing.subarray(1, 3), new Uint8Array([]), new Uint8Array([3]))]).toEqual([1, 2, 3]);
    expect(concatBytes().length).toBe(0);
  });

  it('bytesEqual compares length and every byte', () => {
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2]))).toBe(true);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
    expect(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2, 0]))).toBe(false);
    expect(bytesEqual(new Uint8Array([0x80]), new Uint8Array([0x00]))).toBe(false);
  });

  it('wipe zeroes the buffer in place', () => {
    const secret = new Uint8Array([1, 2, 3, 255]);
    wipe(secret);
    expect([...secret]).toEqual([0, 0, 0, 0]);
  });
});
