import { generateKeyPairSync, type KeyObject, sign as nodeSign } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import {
  compressRawPublicKey,
  fromDerSignature,
  getPublicKey,
  toDerSignature,
  uncompressRawPublicKey,
  verifyStampSignature,
} from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import {
  compressPublicKey,
  derToP1363,
  p1363ToDer,
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
  nodePublicKey,
  nodeVerifyDer,
  nodeVerifyP1363,
  P256_N,
  P256_P,
  parseStrictDer,
  referenceDer,
  unhex,
} from './testReference.ts';

/** A P-256 key from node:crypto (OpenSSL), with its coordinates read from its JWK. */
function nodeKey(): { privateKey: KeyObject; scalar: Uint8Array; uncompressed: Uint8Array } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const b = (field: string | undefined) => new Uint8Array(Buffer.from(field!, 'base64url'));
  return { privateKey, scalar: b(jwk.d), uncompressed: new Uint8Array([0x04, ...b(jwk.x), ...b(jwk.y)]) };
}

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

  it('p1363ToDer rejects r or s outside [1, n) with FormatError', () => {
    const one = bytesFromBigint(1n, 32);
    const reason = 'is not a valid ECDSA signature (r or s out of range)';
    expectFormatError(() => p1363ToDer(new Uint8Array(64)), 'signature', reason);
    expectFormatError(() => p1363ToDer(new Uint8Array([...bytesFromBigint(P256_N, 32), ...one])), 'signature', reason);
    expectFormatError(() => p1363ToDer(new Uint8Array([...one, ...new Uint8Array(32).fill(0xff)])), 'signature', reason);
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
