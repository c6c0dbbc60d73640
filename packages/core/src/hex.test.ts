import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes, isHex } from './hex.ts';
import { expectFormatError, expectNoSecretIn } from './testReference.ts';

describe('bytesToHex / hexToBytes', () => {
  it('encodes known vectors in lowercase', () => {
    expect(bytesToHex(new Uint8Array([]))).toBe('');
    expect(bytesToHex(new Uint8Array([0x00, 0x01, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]))).toBe('00010f107f80abff');
    expect(bytesToHex(new TextEncoder().encode('foobar'))).toBe('666f6f626172');
  });

  it('decodes known vectors, accepting either case', () => {
    expect([...hexToBytes('')]).toEqual([]);
    expect([...hexToBytes('00010f107f80abff')]).toEqual([0x00, 0x01, 0x0f, 0x10, 0x7f, 0x80, 0xab, 0xff]);
    expect([...hexToBytes('DEADbeef')]).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('agrees with node Buffer on random input of every small length', () => {
    for (let length = 0; length < 80; length++) {
      const bytes = new Uint8Array(randomBytes(length));
      const text = Buffer.from(bytes).toString('hex');
      expect(bytesToHex(bytes)).toBe(text);
      expect(hexToBytes(text)).toEqual(bytes);
      expect(hexToBytes(text.toUpperCase())).toEqual(bytes);
    }
  });

  it('encodes only the bytes a view covers', () => {
    const whole = new Uint8Array([1, 2, 3, 4, 5]);
    expect(bytesToHex(whole.subarray(1, 3))).toBe('0203');
  });

  it('rejects odd lengths and non-hex characters, naming the field', () => {
    const reason = 'must be an even number of hex digits';
    expectFormatError(() => hexToBytes('abc'), 'hex', reason);
    expectFormatError(() => hexToBytes('a'), 'hex', reason);
    expectFormatError(() => hexToBytes('zz'), 'hex', reason);
    expectFormatError(() => hexToBytes('0x00'), 'hex', reason);
    expectFormatError(() => hexToBytes('00 11'), 'hex', reason);
    expectFormatError(() => hexToBytes('0011\n'), 'hex', reason);
    expectFormatError(() => hexToBytes('abg0', 'signature'), 'signature', reason);
    expectFormatError(() => hexToBytes(42 as unknown as string, 'data'), 'data', 'must be a hex string');
  });

  it('never echoes the (possibly secret) input in the error', () => {
    const secret = Buffer.from(randomBytes(32)).toString('hex');
    const error = expectFormatError(() => hexToBytes(`${secret}g`), 'hex', 'must be an even number of hex digits');
    expectNoSecretIn(error, secret);
  });
});

describe('isHex', () => {
  it('accepts whole bytes of hex digits only', () => {
    expect(isHex('')).toBe(true);
    expect(isHex('00ffAA')).toBe(true);
    expect(isHex('0')).toBe(false);
    expect(isHex('0g')).toBe(false);
    expect(isHex('ab\n')).toBe(false);
    expect(isHex('-1')).toBe(false);
  });
});

describe('FormatError', () => {
  it('carries what and reason separately and reads "what: reason"', () => {
    const error = new FormatError('publicKey', 'is not a point on the P-256 curve');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('FormatError');
    expect(error.what).toBe('publicKey');
    expect(error.reason).toBe('is not a point on the P-256 curve');
    expect(error.message).toBe('publicKey: is not a point on the P-256 curve');
  });
});
