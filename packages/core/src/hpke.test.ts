import { randomBytes } from 'node:crypto';
import { formatHpkeBuf, hpkeDecrypt, hpkeEncrypt } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { HPKE_INFO, hpkeOpen, hpkeSeal } from './hpke.ts';
import { compressPublicKey } from './p256.ts';
import { expectFormatErrorAsync, flipBit, hex, nodeConvertPoint, turnkeyKey, unhex } from './testReference.ts';

const NOT_OPENED = 'did not open with this key (wrong key or tampered)';
const LENGTHS = [0, 1, 16, 32, 33, 100, 1000];

describe('HPKE (Turnkey profile)', () => {
  it('uses info = "turnkey_hpke"', () => {
    expect([...HPKE_INFO]).toEqual([...Buffer.from('turnkey_hpke', 'ascii')]);
  });

  it('hpkeSeal output opens with @turnkey/crypto hpkeDecrypt (same info, AAD and key schedule)', async () => {
    const recipient = await turnkeyKey();
    for (const length of LENGTHS) {
      const plaintext = new Uint8Array(randomBytes(length));
      // Either SEC1 form of the recipient key is accepted; AAD always uses the uncompressed one.
      const recipientKey = length % 2 ? unhex(recipient.publicKeyCompressedHex) : recipient.handles.publicKey;
      const { enc, ciphertext } = await hpkeSeal(recipientKey, plaintext);
      expect(enc.length).toBe(65);
      expect(hex(nodeConvertPoint(enc, 'uncompressed'))).toBe(hex(enc)); // a real uncompressed point
      expect(ciphertext.length).toBe(length + 16);
      const opened = hpkeDecrypt({ ciphertextBuf: ciphertext, encappedKeyBuf: enc, receiverPriv: recipient.privateKeyHex });
      expect(new Uint8Array(opened)).toEqual(plaintext);
    }
  });

  it('opens what @turnkey/crypto hpkeEncrypt sealed', async () => {
    const recipient = await turnkeyKey();
    for (const length of LENGTHS) {
      const plaintext = new Uint8Array(randomBytes(length));
      const sealed = hpkeEncrypt({ plainTextBuf: plaintext, targetKeyBuf: unhex(recipient.publicKeyUncompressedHex) });
      const { encappedPublic, ciphertext } = JSON.parse(formatHpkeBuf(sealed)) as Record<string, string>;
      const message = { enc: unhex(encappedPublic!), ciphertext: unhex(ciphertext!) };
      const opened = await hpkeOpen(recipient.handles.agreementKey, recipient.handles.publicKey, message);
      expect(opened).toEqual(plaintext);
      // hpkeEncrypt's raw output is compressed enc ‖ ciphertext, which is what session bundles carry.
      expect(hex(sealed)).toBe(hex(compressPublicKey(message.enc)) + ciphertext);
    }
  });

  it('each seal uses a fresh ephemeral key', async () => {
    const recipient = await turnkeyKey();
    const plaintext = new Uint8Array(32);
    const a = await hpkeSeal(recipient.handles.publicKey, plaintext);
    const b = await hpkeSeal(recipient.handles.publicKey, plaintext);
    expect(hex(a.enc)).not.toBe(hex(b.enc));
    expect(hex(a.ciphertext)).not.toBe(hex(b.ciphertext));
  });

  it('fails closed, with one undistinguished error, for a wrong key or any tampering', async () => {
    const recipient = await turnkeyKey();
    const other = await turnkeyKey();
    const message = await hpkeSeal(recipient.handles.publicKey, new TextEncoder().encode('secret scalar'));
    const open = (m = message, key = recipient) => hpkeOpen(key.handles.agreementKey, key.handles.publicKey, m, 'bundle');

    await expect(open()).resolves.toBeDefined();
    await expectFormatErrorAsync(open(message, other), 'bundle', NOT_OPENED);
    // Right private key but the wrong pkR in the AAD (Turnkey binds the recipient key into the AAD).
    await expectFormatErrorAsync(
      hpkeOpen(recipient.handles.agreementKey, other.handles.publicKey, message, 'bundle'),
      'bundle',
      NOT_OPENED,
    );
    for (const index of [0, 5, message.ciphertext.length - 17, message.ciphertext.length - 1]) {
      await expectFormatErrorAsync(open({ ...message, ciphertext: flipBit(message.ciphertext, index) }), 'bundle', NOT_OPENED);
    }
    await expectFormatErrorAsync(open({ ...message, ciphertext: message.ciphertext.slice(0, -1) }), 'bundle', NOT_OPENED);
    // A different, valid enc (the sender key of another message) does not open it either.
    const otherEnc = (await hpkeSeal(recipient.handles.publicKey, new Uint8Array(1))).enc;
    await expectFormatErrorAsync(open({ ...message, enc: otherEnc }), 'bundle', NOT_OPENED);
    // Turnkey's implementation refuses the same tampering: the two agree on what is authentic.
    expect(() =>
      hpkeDecrypt({ ciphertextBuf: flipBit(message.ciphertext, 0), encappedKeyBuf: message.enc, receiverPriv: recipient.privateKeyHex }),
    ).toThrow();
  });

  it('rejects malformed keys and encs before any decryption', async () => {
    const recipient = await turnkeyKey();
    const message = await hpkeSeal(recipient.handles.publicKey, new Uint8Array(4));
    await expectFormatErrorAsync(
      hpkeOpen(recipient.handles.agreementKey, recipient.handles.publicKey, { ...message, enc: compressPublicKey(message.enc) }),
      'ciphertext',
      'encapsulated key must be 65 bytes',
    );
    await expectFormatErrorAsync(
      hpkeOpen(recipient.handles.agreementKey, new Uint8Array(65), message),
      'recipientPublicKey',
      'is not a point on the P-256 curve',
    );
    await expectFormatErrorAsync(hpkeSeal(new Uint8Array(64), new Uint8Array(1)), 'recipientPublicKey', /must be a 33-byte/);
  });
});
