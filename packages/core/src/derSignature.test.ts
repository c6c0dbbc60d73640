import { sign as nodeSign } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { fromDerSignature, toDerSignature, verifyStampSignature } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { derToP1363, P256_ORDER, p1363ToDer } from './derSignature.ts';
import { verifyDerSignature } from './p256.ts';
import {
  bigintFromBytes,
  bytesFromBigint,
  expectFormatError,
  hex,
  nodeKey,
  nodeVerifyDer,
  nodeVerifyP1363,
  P256_N,
  parseStrictDer,
  referenceDer,
  unhex,
} from './testReference.ts';

describe("P-256's order", () => {
  it("is the n of noble's curve and of the test reference (SEC 2)", () => {
    expect(P256_ORDER).toBe(p256.Point.CURVE().n);
    expect(P256_ORDER).toBe(P256_N);
  });
});

describe('DER signatures vs @turnkey/crypto and node:crypto', () => {
  it('p1363ToDer is byte-identical to OpenSSL DER, also for leading-zero and top-bit r/s', () => {
    // OpenSSL (node:crypto) signs in DER; we round-trip every signature through P1363 and back and
    // keep going until each edge case has occurred: r or s with a leading zero octet dropped
    // (INTEGER shorter than 32 bytes) and r or s with the top bit set (a 0x00 octet added).
    const { privateKey, uncompressed } = nodeKey();
    const message = new TextEncoder().encode('edge cases');
    const seen = { rShort: 0, sShort: 0, rPadded: 0, sPadded: 0 };
    let total = 0;
    while (Object.values(seen).some((n) => n === 0)) {
      expect(++total, `edge cases still missing after ${total} signatures`).toBeLessThan(30_000);
      const der = new Uint8Array(nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
      const raw = derToP1363(der);
      expect(p1363ToDer(raw)).toEqual(der);
      expect(new Uint8Array(fromDerSignature(hex(der)))).toEqual(raw);

      const rLength = der[3]!;
      const sLength = der[5 + rLength]!;
      if (rLength < 32) seen.rShort++;
      if (sLength < 32) seen.sShort++;
      if (rLength === 33) seen.rPadded++;
      if (sLength === 33) seen.sPadded++;
      if (rLength !== 32 || sLength !== 32) {
        expect(nodeVerifyP1363(uncompressed, raw, message)).toBe(true);
        expect(verifyDerSignature(uncompressed, der, message)).toBe(true);
      }
    }
  });

  it('p1363ToDer emits minimal DER where @turnkey/crypto toDerSignature does not (leading zero)', async () => {
    // Deliberately find a signature whose r starts 0x00 followed by a byte < 0x80 (about 1 in 512),
    // and one whose s does: the minimal INTEGER must then drop the zero octet (X.690 §8.3.2).
    const { privateKey, uncompressed } = nodeKey();
    const message = new TextEncoder().encode('leading zero');
    for (const half of ['r', 's'] as const) {
      const offset = half === 'r' ? 0 : 32;
      let raw: Uint8Array | undefined;
      for (let i = 0; i < 30_000 && !raw; i++) {
        const candidate = new Uint8Array(nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
        if (candidate[offset] === 0 && candidate[offset + 1]! < 0x80) raw = candidate;
      }
      expect(raw, `no signature with a leading-zero ${half} found`).toBeDefined();

      const ours = p1363ToDer(raw!);
      const parsed = parseStrictDer(ours);
      expect(parsed.r).toBe(bigintFromBytes(raw!.subarray(0, 32)));
      expect(parsed.s).toBe(bigintFromBytes(raw!.subarray(32)));
      expect(ours).toEqual(referenceDer(raw!));
      const rLength = ours[3]!;
      const halfLength = half === 'r' ? rLength : ours[5 + rLength]!;
      expect(halfLength).toBeLessThanOrEqual(31); // the zero octet was dropped
      expect(nodeVerifyDer(uncompressed, ours, message)).toBe(true);
      expect(verifyDerSignature(uncompressed, ours, message)).toBe(true);
      expect(await verifyStampSignature(hex(uncompressed), hex(ours), 'leading zero')).toBe(true);
      expect(new Uint8Array(fromDerSignature(hex(ours)))).toEqual(raw);
      expect(derToP1363(ours)).toEqual(raw);

      const theirs = unhex(toDerSignature(hex(raw!)));
      expect(theirs).not.toEqual(ours);
      expect(() => parseStrictDer(theirs)).toThrow('superfluous leading zero octet');
      expect(nodeVerifyDer(uncompressed, theirs, message)).toBe(false); // OpenSSL refuses non-canonical DER
      expect(verifyDerSignature(uncompressed, theirs, message)).toBe(false); // and so do we
    }
  });

  it('p1363ToDer pads a top-bit r and s with one zero octet, like the reference encoder', () => {
    const { privateKey } = nodeKey();
    let raw: Uint8Array | undefined;
    for (let i = 0; i < 10_000 && !raw; i++) {
      const candidate = new Uint8Array(nodeSign('sha256', Buffer.from('x'), { key: privateKey, dsaEncoding: 'ieee-p1363' }));
      if (candidate[0]! >= 0x80 && candidate[32]! >= 0x80) raw = candidate;
    }
    expect(raw).toBeDefined();
    const ours = p1363ToDer(raw!);
    expect(ours.length).toBe(72);
    expect(hex(ours.subarray(0, 5))).toBe('3046022100');
    expect(ours).toEqual(referenceDer(raw!));
    expect(hex(ours)).toBe(toDerSignature(hex(raw!))); // no leading zero: Turnkey's encoder agrees here
  });

  it('derToP1363 / p1363ToDer reject malformed input with FormatError', () => {
    expectFormatError(() => p1363ToDer(new Uint8Array(63)), 'signature', 'must be 64 bytes r‖s');
    expectFormatError(() => p1363ToDer(new Uint8Array(72)), 'signature', 'must be 64 bytes r‖s');
    const invalid = 'is not a valid DER ECDSA signature';
    expectFormatError(() => derToP1363(new Uint8Array(0)), 'signature', invalid);
    expectFormatError(() => derToP1363(unhex('3006020101020101ff')), 'signature', invalid); // trailing byte
    expectFormatError(() => derToP1363(unhex('300602010102018f')), 'signature', invalid); // negative s
    expectFormatError(() => derToP1363(unhex('300702020001020101')), 'signature', invalid); // non-minimal r (00 01)
    expectFormatError(() => derToP1363(unhex('3081060201010201 01'.replace(' ', ''))), 'signature', invalid); // long-form length
    expectFormatError(() => derToP1363(new Uint8Array(64).fill(1)), 'signature', invalid); // P1363, not DER
  });

  it('derToP1363 rejects a well-formed DER whose r or s is outside [1, n)', () => {
    const invalid = 'is not a valid DER ECDSA signature';
    const derOf = (r: bigint, s: bigint) => referenceDer(new Uint8Array([...bytesFromBigint(r, 32), ...bytesFromBigint(s, 32)]));
    expectFormatError(() => derToP1363(derOf(P256_N, 1n)), 'signature', invalid);
    expectFormatError(() => derToP1363(derOf(1n, P256_N + 1n)), 'signature', invalid);
    expectFormatError(() => derToP1363(unhex('3006020100020101')), 'signature', invalid); // r = 0
    expect(derToP1363(derOf(P256_N - 1n, 1n))).toEqual(new Uint8Array([...bytesFromBigint(P256_N - 1n, 32), ...bytesFromBigint(1n, 32)]));
  });

  it('p1363ToDer rejects r or s outside [1, n) with FormatError', () => {
    const one = bytesFromBigint(1n, 32);
    const reason = 'is not a valid ECDSA signature (r or s out of range)';
    expectFormatError(() => p1363ToDer(new Uint8Array(64)), 'signature', reason);
    expectFormatError(() => p1363ToDer(new Uint8Array([...bytesFromBigint(P256_N, 32), ...one])), 'signature', reason);
    expectFormatError(() => p1363ToDer(new Uint8Array([...one, ...new Uint8Array(32).fill(0xff)])), 'signature', reason);
  });
});
