import { createECDH } from 'node:crypto';
import { generateP256KeyPair, getPublicKey, verifyStampSignature } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { generateP256Key, importP256Scalar, type P256KeyHandles } from './keys.ts';
import { p1363ToDer } from './derSignature.ts';
import {
  bytesFromBigint,
  expectFormatErrorAsync,
  expectNoSecretIn,
  hex,
  nodePublicKey,
  nodeVerifyP1363,
  P256_N,
  unhex,
} from './testReference.ts';

const ECDSA_SHA256 = { name: 'ECDSA', hash: 'SHA-256' } as const;

async function expectNonExtractable(handles: P256KeyHandles): Promise<void> {
  const { signingKey, agreementKey } = handles;
  expect(signingKey.extractable).toBe(false);
  expect(signingKey.type).toBe('private');
  expect(signingKey.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
  expect(signingKey.usages).toEqual(['sign']);
  expect(agreementKey.privateKey.extractable).toBe(false);
  expect(agreementKey.privateKey.type).toBe('private');
  expect(agreementKey.privateKey.algorithm).toMatchObject({ name: 'ECDH', namedCurve: 'P-256' });
  expect(agreementKey.privateKey.usages).toEqual(['deriveBits']);
  for (const key of [signingKey, agreementKey.privateKey]) {
    for (const format of ['pkcs8', 'jwk', 'raw'] as const) {
      await expect(crypto.subtle.exportKey(format, key)).rejects.toThrow();
    }
  }
  // Only the public half may be read back, and it is the key we were told about.
  expect(new Uint8Array(await crypto.subtle.exportKey('raw', agreementKey.publicKey))).toEqual(handles.publicKey);
}

describe('importP256Scalar', () => {
  it('imports the scalar @turnkey/crypto generated: same public key, signs and agrees as OpenSSL expects', async () => {
    for (let i = 0; i < 8; i++) {
      const pair = generateP256KeyPair();
      const handles = await importP256Scalar(unhex(pair.privateKey));
      expect(hex(handles.publicKey)).toBe(pair.publicKeyUncompressed);
      expect(hex(handles.publicKey)).toBe(hex(getPublicKey(pair.privateKey, false)));
      await expectNonExtractable(handles);

      // The ECDSA key really holds this scalar: OpenSSL and Turnkey verify what it signs.
      const message = new TextEncoder().encode(`payload ${i}`);
      const raw = new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, handles.signingKey, message));
      expect(nodeVerifyP1363(handles.publicKey, raw, message)).toBe(true);

      // The ECDH key really holds this scalar: its shared secret with a peer equals OpenSSL's.
      const peer = createECDH('prime256v1');
      peer.generateKeys();
      const peerKey = await crypto.subtle.importKey('raw', peer.getPublicKey(), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      const ours = await crypto.subtle.deriveBits({ name: 'ECDH', public: peerKey }, handles.agreementKey.privateKey, 256);
      expect(hex(new Uint8Array(ours))).toBe(peer.computeSecret(handles.publicKey).toString('hex'));
    }
  });

  it('wipes the scalar buffer it was given', async () => {
    const scalar = unhex(generateP256KeyPair().privateKey);
    expect(scalar.some((b) => b !== 0)).toBe(true);
    await importP256Scalar(scalar);
    expect([...scalar]).toEqual(new Array(32).fill(0));
  });

  it('wipes the buffer even when the scalar is rejected, and never echoes it', async () => {
    const tooLong = unhex(`${generateP256KeyPair().privateKey}ab`);
    const tooLongHex = hex(tooLong);
    const error = await expectFormatErrorAsync(importP256Scalar(tooLong), 'privateKey', 'must be a 32-byte P-256 scalar');
    expect(tooLong.every((b) => b === 0)).toBe(true);
    expectNoSecretIn(error, tooLongHex, tooLongHex.slice(0, 64));

    for (const value of [0n, P256_N, P256_N + 12345n]) {
      const scalar = bytesFromBigint(value, 32);
      const scalarHex = hex(scalar);
      const rejected = await expectFormatErrorAsync(importP256Scalar(scalar), 'privateKey', 'is not a valid P-256 scalar');
      expect(scalar.every((b) => b === 0)).toBe(true);
      if (value !== 0n) expectNoSecretIn(rejected, scalarHex);
    }
  });

  it('accepts the extreme valid scalars 1 and n - 1', async () => {
    for (const value of [1n, P256_N - 1n]) {
      const scalarHex = hex(bytesFromBigint(value, 32));
      const handles = await importP256Scalar(unhex(scalarHex));
      expect(hex(handles.publicKey)).toBe(hex(getPublicKey(scalarHex, false)));
    }
  });
});

describe('generateP256Key', () => {
  it('makes distinct, valid, non-extractable keys usable for stamps', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const handles = await generateP256Key();
      expect(handles.publicKey.length).toBe(65);
      expect(handles.publicKey[0]).toBe(0x04);
      expect(nodePublicKey(handles.publicKey).asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
      await expectNonExtractable(handles);
      seen.add(hex(handles.publicKey));

      const raw = new Uint8Array(await crypto.subtle.sign(ECDSA_SHA256, handles.signingKey, new TextEncoder().encode('hi')));
      expect(await verifyStampSignature(hex(handles.publicKey), hex(p1363ToDer(raw)), 'hi')).toBe(true);
    }
    expect(seen.size).toBe(8);
  });
});
