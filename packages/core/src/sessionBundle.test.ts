import { randomBytes } from 'node:crypto';
import { decryptCredentialBundle, generateP256KeyPair, getPublicKey, hpkeEncrypt, uncompressRawPublicKey } from '@turnkey/crypto';
import bs58check from 'bs58check';
import { describe, expect, it } from 'vitest';
import { base58checkDecode } from './base58check.ts';
import { generateP256Key, importP256Scalar } from './keys.ts';
import { decodeSessionBundle, openSessionBundle, SESSION_BUNDLE_LENGTH, sealSessionBundle } from './sessionBundle.ts';
import {
  expectFormatError,
  expectFormatErrorAsync,
  expectNoSecretIn,
  flipBit,
  hex,
  nodeConvertPoint,
  referenceBase58checkDecode,
  referenceBase58checkEncode,
  referenceBase58Decode,
  referenceBase58Encode,
  turnkeyKey,
  unhex,
} from './testReference.ts';

const FIELD = 'encryptedSessionSigningKey';
const NOT_OPENED = 'did not open with this key (wrong key or tampered)';
const BAD_BASE58 = 'is not valid base58check (bad character or checksum)';

// The example in Grid's docs (seeds/002, POST /auth/credentials/{id}/verify response).
const SEED_BUNDLE = 'w99a5xV6A75TfoAUkZn869fVyDYvgVsKrawMALZXmrauZd8hEv66EkPU1Z42CUaHESQjcA5bqd8dynTGBMLWB9ewtXWPEVbZvocB4Tw2K1vQVp7uwjf';

/** What Grid does, written with Turnkey's primitives: bs58check(hpkeEncrypt(scalar → uncompressed pub)). */
function turnkeySeal(scalar: Uint8Array, uncompressedPublicKey: Uint8Array): string {
  return bs58check.encode(hpkeEncrypt({ plainTextBuf: scalar, targetKeyBuf: uncompressedPublicKey }));
}

/** Re-encodes a bundle after changing its decoded bytes (with a correct checksum). */
function rewrite(bundle: string, change: (bytes: Uint8Array) => Uint8Array): string {
  return referenceBase58checkEncode(change(referenceBase58checkDecode(bundle)));
}

describe('the seed encryptedSessionSigningKey (known answer)', () => {
  it('decodes to 81 bytes with a valid checksum, starting 0x02', () => {
    const ours = base58checkDecode(SEED_BUNDLE);
    expect(ours.length).toBe(81);
    expect(SESSION_BUNDLE_LENGTH).toBe(81);
    expect(ours[0]).toBe(0x02);
    expect(ours).toEqual(referenceBase58checkDecode(SEED_BUNDLE)); // checksum checked independently
    expect(referenceBase58Decode(SEED_BUNDLE).length).toBe(85); // payload ‖ 4-byte checksum
  });

  it('splits via decodeSessionBundle into a valid enc point and 48 bytes of ciphertext ‖ tag', () => {
    const raw = referenceBase58checkDecode(SEED_BUNDLE);
    const { enc, ciphertext } = decodeSessionBundle(SEED_BUNDLE);
    expect(enc.length).toBe(65);
    expect(hex(enc)).toBe(hex(uncompressRawPublicKey(raw.subarray(0, 33), 'CURVE_P256')));
    expect(hex(enc)).toBe(hex(nodeConvertPoint(raw.subarray(0, 33), 'uncompressed')));
    expect(ciphertext).toEqual(raw.subarray(33));
    expect(ciphertext.length).toBe(32 + 16);
  });

  it("does not open with an unrelated key (it was sealed to the docs author's key)", async () => {
    const key = await generateP256Key();
    await expectFormatErrorAsync(openSessionBundle(SEED_BUNDLE, key.agreementKey, key.publicKey), FIELD, NOT_OPENED);
  });
});

describe('session bundles vs @turnkey/crypto', () => {
  it('sealSessionBundle output opens with decryptCredentialBundle', async () => {
    for (let i = 0; i < 12; i++) {
      const client = generateP256KeyPair();
      const session = generateP256KeyPair().privateKey;
      const clientPublic = unhex(i % 2 ? client.publicKey : client.publicKeyUncompressed); // either form
      const bundle = await sealSessionBundle(unhex(session), clientPublic);
      expect(referenceBase58checkDecode(bundle).length).toBe(81);
      expect(decryptCredentialBundle(bundle, client.privateKey)).toBe(session);
    }
  });

  it('opens Turnkey-sealed bundles for ≥ 64 keys, with public y both odd and even', async () => {
    // @hpke/core rebuilds pkR wrongly from a bare non-extractable key when y is odd
    // (crypto-turnkey.md, pitfall 2); openSessionBundle must pass the whole key pair.
    const parities = { odd: 0, even: 0 };
    for (let i = 0; i < 64 || parities.odd === 0 || parities.even === 0; i++) {
      expect(i).toBeLessThan(256);
      const client = i % 2 ? await generateP256Key() : await importP256Scalar(unhex(generateP256KeyPair().privateKey));
      expect(client.signingKey.extractable).toBe(false);
      expect(client.agreementKey.privateKey.extractable).toBe(false);
      await expect(crypto.subtle.exportKey('pkcs8', client.signingKey)).rejects.toThrow();
      await expect(crypto.subtle.exportKey('pkcs8', client.agreementKey.privateKey)).rejects.toThrow();
      if (client.publicKey[64]! & 1) parities.odd++;
      else parities.even++;

      const sessionHex = generateP256KeyPair().privateKey;
      const bundle = turnkeySeal(unhex(sessionHex), client.publicKey);
      const scalar = await openSessionBundle(bundle, client.agreementKey, client.publicKey);
      expect(hex(scalar)).toBe(sessionHex);

      // The opened scalar is the session key: importing it yields the matching public key.
      const session = await importP256Scalar(scalar);
      expect(hex(session.publicKey)).toBe(hex(getPublicKey(sessionHex, false)));
    }
    expect(parities.odd).toBeGreaterThan(0);
    expect(parities.even).toBeGreaterThan(0);
    expect(parities.odd + parities.even).toBeGreaterThanOrEqual(64);
  });

  it('round-trips through our own seal and open', async () => {
    const client = await generateP256Key();
    const session = new Uint8Array(randomBytes(32));
    const bundle = await sealSessionBundle(session, client.publicKey);
    expect(await openSessionBundle(bundle, client.agreementKey, client.publicKey)).toEqual(session);
  });
});

describe('session bundle failures', () => {
  it('wrong key: FormatError without the secret in it; Turnkey refuses too', async () => {
    const client = await turnkeyKey();
    const stranger = await turnkeyKey();
    const sessionHex = generateP256KeyPair().privateKey;
    const bundle = await sealSessionBundle(unhex(sessionHex), client.handles.publicKey);

    const error = await expectFormatErrorAsync(
      openSessionBundle(bundle, stranger.handles.agreementKey, stranger.handles.publicKey),
      FIELD,
      NOT_OPENED,
    );
    expectNoSecretIn(error, sessionHex, bundle, client.privateKeyHex, stranger.privateKeyHex);
    expect(() => decryptCredentialBundle(bundle, stranger.privateKeyHex)).toThrow();
    // Right private key, wrong public key for the AAD.
    await expectFormatErrorAsync(openSessionBundle(bundle, client.handles.agreementKey, stranger.handles.publicKey), FIELD, NOT_OPENED);
  });

  it('tampered ciphertext or tag (one bit): refused by us and by Turnkey', async () => {
    const client = await turnkeyKey();
    const bundle = await sealSessionBundle(unhex(generateP256KeyPair().privateKey), client.handles.publicKey);
    for (const index of [33, 50, 64, 65, 80]) {
      const tampered = rewrite(bundle, (bytes) => flipBit(bytes, index, index % 8));
      await expectFormatErrorAsync(openSessionBundle(tampered, client.handles.agreementKey, client.handles.publicKey), FIELD, NOT_OPENED);
      expect(() => decryptCredentialBundle(tampered, client.privateKeyHex)).toThrow();
    }
  });

  it('tampered enc: an off-curve x is a format error, an on-curve one fails to open', async () => {
    const client = await turnkeyKey();
    const bundle = await sealSessionBundle(unhex(generateP256KeyPair().privateKey), client.handles.publicKey);
    const open = (b: string) => openSessionBundle(b, client.handles.agreementKey, client.handles.publicKey);

    // 02 <-> 03 names the negated point: valid, but not the sender's.
    await expectFormatErrorAsync(open(rewrite(bundle, (bytes) => flipBit(bytes, 0, 0))), FIELD, NOT_OPENED);
    // Flip bits of x until both outcomes have been seen (about half of all x are on the curve).
    let offCurve = 0;
    let onCurve = 0;
    for (let bit = 0; bit < 256 && (offCurve < 2 || onCurve < 2); bit++) {
      const tampered = rewrite(bundle, (bytes) => flipBit(bytes, 1 + (bit >> 3), bit & 7));
      let valid = true;
      try {
        uncompressRawPublicKey(referenceBase58checkDecode(tampered).subarray(0, 33), 'CURVE_P256');
      } catch {
        valid = false;
      }
      if (valid) {
        onCurve++;
        await expectFormatErrorAsync(open(tampered), FIELD, NOT_OPENED);
      } else {
        offCurve++;
        expectFormatError(() => decodeSessionBundle(tampered), FIELD, 'is not a point on the P-256 curve');
        await expectFormatErrorAsync(open(tampered), FIELD, 'is not a point on the P-256 curve');
      }
    }
    expect(offCurve).toBeGreaterThanOrEqual(2);
    expect(onCurve).toBeGreaterThanOrEqual(2);
    // An uncompressed-prefix byte on a 33-byte enc is not a point either.
    expectFormatError(
      () => decodeSessionBundle(rewrite(bundle, (b) => new Uint8Array([0x04, ...b.subarray(1)]))),
      FIELD,
      'is not a point on the P-256 curve',
    );
  });

  it('wrong checksum, non-base58 characters, wrong length, empty', async () => {
    const client = await generateP256Key();
    const bundle = await sealSessionBundle(new Uint8Array(randomBytes(32)), client.publicKey);
    const raw = referenceBase58Decode(bundle);

    const badChecksum = new Uint8Array(raw);
    badChecksum[raw.length - 1]! ^= 0x80;
    expectFormatError(() => decodeSessionBundle(referenceBase58Encode(badChecksum)), FIELD, BAD_BASE58);
    await expectFormatErrorAsync(
      openSessionBundle(referenceBase58Encode(badChecksum), client.agreementKey, client.publicKey),
      FIELD,
      BAD_BASE58,
    );

    for (const char of ['0', 'O', 'I', 'l', '+', '=', ' ']) {
      expectFormatError(() => decodeSessionBundle(bundle.slice(0, 20) + char + bundle.slice(21)), FIELD, BAD_BASE58);
    }
    expectFormatError(() => decodeSessionBundle(` ${bundle}`), FIELD, BAD_BASE58);

    const payload = referenceBase58checkDecode(bundle);
    expectFormatError(
      () => decodeSessionBundle(referenceBase58checkEncode(payload.subarray(0, 80))),
      FIELD,
      'must decode to 81 bytes, got 80',
    );
    expectFormatError(
      () => decodeSessionBundle(referenceBase58checkEncode(new Uint8Array([...payload, 0]))),
      FIELD,
      'must decode to 81 bytes, got 82',
    );
    expectFormatError(
      () => decodeSessionBundle(referenceBase58checkEncode(payload.subarray(0, 33))),
      FIELD,
      'must decode to 81 bytes, got 33',
    );
    expectFormatError(() => decodeSessionBundle(''), FIELD, 'must be a non-empty base58check string');
    await expectFormatErrorAsync(
      openSessionBundle('', client.agreementKey, client.publicKey),
      FIELD,
      'must be a non-empty base58check string',
    );
  });

  it('sealSessionBundle refuses a scalar that is not 32 bytes', async () => {
    const client = await generateP256Key();
    await expectFormatErrorAsync(sealSessionBundle(new Uint8Array(31), client.publicKey), 'privateKey', 'must be a 32-byte P-256 scalar');
    await expectFormatErrorAsync(sealSessionBundle(new Uint8Array(33), client.publicKey), 'privateKey', 'must be a 32-byte P-256 scalar');
  });
});
