import { sign as nodeSign } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { compressRawPublicKey, getPublicKey, uncompressRawPublicKey, verifyStampSignature } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { derToP1363, p1363ToDer } from './derSignature.ts';
import {
  compressPublicKey,
  publicKeyFromHex,
  publicKeyFromScalar,
  randomScalar,
  samePublicKey,
  uncompressPublicKey,
  verifyDerSignature,
} from './p256.ts';
import {
  bigintFromBytes,
  bytesFromBigint,
  expectFormatError,
  hex,
  nodeConvertPoint,
  nodeKey,
  nodePublicKey,
  nodeVerifyDer,
  P256_N,
  P256_P,
  unhex,
} from './testReference.ts';

/** An x coordinate in [0, p) with no point on the curve, found with @turnkey/crypto as the oracle. */
function offCurveX(): Uint8Array {
  for (let x = 1n; ; x++) {
    const candidate = new Uint8Array([0x02, ...bytesFromBigint(x, 32)]);
    try {
      uncompressRawPublicKey(candidate, 'CURVE_P256');
    } catch {
      expect(() => nodeConvertPoint(candidate, 'uncompressed')).toThrow(); // OpenSSL agrees
      return candidate.subarray(1);
    }
  }
}

describe('point encodings vs @turnkey/crypto and node:crypto', () => {
  it('compress/uncompress agree with both on 200 random keys of both parities', () => {
    const parities = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const { uncompressed } = nodeKey();
      const compressed = nodeConvertPoint(uncompressed, 'compressed');
      parities.add(uncompressed[64]! & 1);

      expect(compressPublicKey(uncompressed)).toEqual(compressed);
      expect(compressPublicKey(uncompressed)).toEqual(new Uint8Array(compressRawPublicKey(uncompressed)));
      expect(uncompressPublicKey(compressed)).toEqual(uncompressed);
      expect(uncompressPublicKey(compressed)).toEqual(new Uint8Array(uncompressRawPublicKey(compressed, 'CURVE_P256')));
      // Both functions also accept a key already in the target form.
      expect(compressPublicKey(compressed)).toEqual(compressed);
      expect(uncompressPublicKey(uncompressed)).toEqual(uncompressed);
      expect(samePublicKey(compressed, uncompressed)).toBe(true);
    }
    expect(parities).toEqual(new Set([0, 1]));
  });

  it('publicKeyFromScalar agrees with @turnkey/crypto getPublicKey and OpenSSL', () => {
    for (let i = 0; i < 50; i++) {
      const { scalar, uncompressed } = nodeKey();
      expect(publicKeyFromScalar(scalar, false)).toEqual(uncompressed);
      expect(publicKeyFromScalar(scalar, true)).toEqual(nodeConvertPoint(uncompressed, 'compressed'));
      expect(hex(publicKeyFromScalar(scalar, true))).toBe(hex(getPublicKey(hex(scalar), true)));
    }
  });

  it('publicKeyFromScalar rejects 0, n, values above n and wrong lengths', () => {
    const reason = 'is not a valid P-256 scalar';
    expectFormatError(() => publicKeyFromScalar(new Uint8Array(32), true), 'privateKey', reason);
    expectFormatError(() => publicKeyFromScalar(bytesFromBigint(P256_N, 32), true), 'privateKey', reason);
    expectFormatError(() => publicKeyFromScalar(new Uint8Array(32).fill(0xff), true), 'privateKey', reason);
    expectFormatError(() => publicKeyFromScalar(new Uint8Array(31).fill(1), true), 'privateKey', reason);
    // n - 1 is the largest valid scalar; its public key is -G.
    const minusG = publicKeyFromScalar(bytesFromBigint(P256_N - 1n, 32), false);
    const g = publicKeyFromScalar(bytesFromBigint(1n, 32), false);
    expect(minusG.subarray(1, 33)).toEqual(g.subarray(1, 33));
    expect(bigintFromBytes(minusG.subarray(33)) + bigintFromBytes(g.subarray(33))).toBe(P256_P);
  });

  it('randomScalar yields distinct valid scalars in [1, n)', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const scalar = randomScalar();
      expect(scalar.length).toBe(32);
      const value = bigintFromBytes(scalar);
      expect(value > 0n && value < P256_N).toBe(true);
      seen.add(hex(scalar));
    }
    expect(seen.size).toBe(100);
  });

  it('publicKeyFromHex accepts the seed clientPublicKey and both forms of a real key', () => {
    // From the Grid docs seed (POST /auth/credentials/{id}/verify): an uncompressed client key.
    const seedKey =
      '04f45f2a22c908b9ce09a7150e514afd24627c401c38a4afc164e1ea783adaaa31d4245acfb88c2ebd42b47628d63ecabf345484f0a9f665b63c54c897d5578be2';
    expect(hex(publicKeyFromHex(seedKey))).toBe(seedKey);
    expect(nodePublicKey(unhex(seedKey)).asymmetricKeyType).toBe('ec'); // OpenSSL agrees it is a point
    const { uncompressed } = nodeKey();
    expect(publicKeyFromHex(hex(uncompressed).toUpperCase())).toEqual(uncompressed);
    expect(publicKeyFromHex(hex(compressPublicKey(uncompressed)))).toEqual(compressPublicKey(uncompressed));
  });

  it('publicKeyFromHex rejects off-curve points and wrong lengths or prefixes', () => {
    const offCurve = 'is not a point on the P-256 curve';
    const wrongLength = 'must be a 33-byte compressed or 65-byte uncompressed P-256 public key';
    const { uncompressed } = nodeKey();
    const x = hex(uncompressed.subarray(1, 33));
    const y = bigintFromBytes(uncompressed.subarray(33));

    expectFormatError(() => publicKeyFromHex(`02${hex(offCurveX())}`), 'publicKey', offCurve);
    expectFormatError(() => publicKeyFromHex(`04${x}${hex(bytesFromBigint((y + 1n) % P256_P, 32))}`), 'publicKey', offCurve);
    expectFormatError(() => publicKeyFromHex(`05${x}`), 'publicKey', offCurve);
    expectFormatError(() => publicKeyFromHex(`04${x}`), 'publicKey', offCurve); // 33 bytes with the 04 prefix
    expectFormatError(() => publicKeyFromHex(`02${hex(bytesFromBigint(P256_P, 32))}`), 'publicKey', offCurve); // x = p
    expectFormatError(() => publicKeyFromHex('00'.repeat(33)), 'publicKey', offCurve); // no point at infinity

    expectFormatError(() => publicKeyFromHex(''), 'publicKey', wrongLength);
    expectFormatError(() => publicKeyFromHex('00'), 'publicKey', wrongLength);
    expectFormatError(() => publicKeyFromHex(x), 'publicKey', wrongLength); // 32 bytes: x alone
    expectFormatError(() => publicKeyFromHex(`02${x}00`), 'publicKey', wrongLength); // 34 bytes
    expectFormatError(() => publicKeyFromHex(hex(uncompressed).slice(0, -2), 'key'), 'key', wrongLength); // 64 bytes
    expectFormatError(() => publicKeyFromHex(`${hex(uncompressed)}00`), 'publicKey', wrongLength); // 66 bytes

    expectFormatError(() => publicKeyFromHex(`02${x.slice(1)}`), 'publicKey', 'must be an even number of hex digits');
    expectFormatError(() => publicKeyFromHex(`0x${x}`), 'publicKey', 'must be an even number of hex digits');
    expectFormatError(() => compressPublicKey(new Uint8Array(64)), 'publicKey', wrongLength);
    expectFormatError(() => uncompressPublicKey(unhex(`02${hex(offCurveX())}`), 'enc'), 'enc', offCurve);
  });
});

describe('verifyDerSignature', () => {
  it('accepts OpenSSL signatures and their high-S twins, as Turnkey and OpenSSL do', async () => {
    const { privateKey, uncompressed } = nodeKey();
    const text = '{"type":"ACTIVITY_TYPE_EXPORT_WALLET"}';
    const message = new TextEncoder().encode(text);
    for (let i = 0; i < 20; i++) {
      const raw = new Uint8Array(nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' }));
      const s = bigintFromBytes(raw.subarray(32));
      // (r, n - s) is the other valid signature for the same k; exactly one of the two is high-S.
      const twin = new Uint8Array([...raw.subarray(0, 32), ...bytesFromBigint(P256_N - s, 32)]);
      for (const signature of [raw, twin]) {
        const der = p1363ToDer(signature);
        expect(verifyDerSignature(uncompressed, der, message)).toBe(true);
        expect(verifyDerSignature(compressPublicKey(uncompressed), der, message)).toBe(true);
        expect(nodeVerifyDer(uncompressed, der, message)).toBe(true);
        expect(await verifyStampSignature(hex(compressPublicKey(uncompressed)), hex(der), text)).toBe(true);
      }
      // noble with its defaults (lowS) refuses whichever of the pair is high-S.
      const lowSResults = [raw, twin].map((sig) => p256.verify(p1363ToDer(sig), message, uncompressed, { format: 'der' }));
      expect(lowSResults.filter(Boolean)).toHaveLength(1);
    }
  });

  it('returns false (never throws) for a wrong key, message or garbage', () => {
    const { privateKey, uncompressed } = nodeKey();
    const other = nodeKey().uncompressed;
    const message = new TextEncoder().encode('payload');
    const der = new Uint8Array(nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'der' }));
    expect(verifyDerSignature(uncompressed, der, message)).toBe(true);
    expect(verifyDerSignature(other, der, message)).toBe(false);
    expect(verifyDerSignature(uncompressed, der, new TextEncoder().encode('payload '))).toBe(false);
    expect(verifyDerSignature(uncompressed, derToP1363(der), message)).toBe(false); // P1363 is not DER
    expect(verifyDerSignature(uncompressed, new Uint8Array(3), message)).toBe(false);
    expect(verifyDerSignature(new Uint8Array(33), der, message)).toBe(false);
  });
});
