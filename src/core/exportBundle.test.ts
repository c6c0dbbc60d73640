import { generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { decryptExportBundle, formatHpkeBuf, hpkeEncrypt } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { type ExportSignerTrust, openExportBundle, parseExportBundle, sealExportBundle } from './exportBundle.ts';
import { generateP256Key } from './keys.ts';
import { expectFormatError, expectFormatErrorAsync, flipBit, hex, turnkeyKey, unhex } from './testing.ts';

const BUNDLE = 'encryptedWalletCredentials';
const ORG = 'org_5d1b0c2f';

/** An enclave signing key made by OpenSSL, and Grid's bundle built without our code around a Turnkey HPKE seal. */
function independentEnclave() {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = privateKey.export({ format: 'jwk' });
  const publicHex = '04' + Buffer.from(jwk.x!, 'base64url').toString('hex') + Buffer.from(jwk.y!, 'base64url').toString('hex');
  return {
    publicKey: unhex(publicHex),
    bundle(mnemonic: string, targetUncompressedHex: string, organizationId = ORG, signed = true): string {
      // formatHpkeBuf gives {"encappedPublic","ciphertext"}; Grid adds organizationId inside the signed data.
      const sealed = JSON.parse(formatHpkeBuf(hpkeEncrypt({ plainTextBuf: new TextEncoder().encode(mnemonic), targetKeyBuf: unhex(targetUncompressedHex) })));
      const data = Buffer.from(JSON.stringify({ ...sealed, organizationId }));
      const dataSignature = signed ? nodeSign('sha256', data, { key: privateKey, dsaEncoding: 'der' }).toString('hex') : '';
      return JSON.stringify({ version: 'v1.0.0', data: data.toString('hex'), dataSignature, enclaveQuorumPublic: signed ? publicHex : '' });
    },
  };
}

const pinned = (...signers: Uint8Array[]): ExportSignerTrust => ({ signers, allowUnsigned: false });

describe('export bundles vs @turnkey/crypto', () => {
  it('decryptExportBundle opens what sealExportBundle made (signed by our enclave key, organisation checked)', async () => {
    const quorum = await generateP256Key();
    for (let i = 0; i < 5; i++) {
      const recipient = await turnkeyKey();
      const mnemonic = generateMnemonic(wordlist, i % 2 ? 256 : 128);
      const bundle = await sealExportBundle(mnemonic, { publicKey: recipient.handles.publicKey, organizationId: ORG }, quorum);
      const opened = await decryptExportBundle({
        exportBundle: bundle,
        embeddedKey: recipient.privateKeyHex,
        organizationId: ORG,
        returnMnemonic: true,
        dangerouslyOverrideSignerPublicKey: hex(quorum.publicKey),
      });
      expect(opened).toBe(mnemonic);
      // And Turnkey refuses it for another organisation: the id really is inside the signed data.
      await expect(
        decryptExportBundle({ exportBundle: bundle, embeddedKey: recipient.privateKeyHex, organizationId: 'org_other', returnMnemonic: true, dangerouslyOverrideSignerPublicKey: hex(quorum.publicKey) }),
      ).rejects.toThrow(/organization id/);
    }
  });

  it('opens a bundle built by Turnkey HPKE and signed by OpenSSL', async () => {
    const enclave = independentEnclave();
    for (let i = 0; i < 5; i++) {
      const recipient = await turnkeyKey();
      const mnemonic = generateMnemonic(wordlist, 128);
      const bundle = parseExportBundle(enclave.bundle(mnemonic, recipient.publicKeyUncompressedHex), pinned(enclave.publicKey));
      expect(bundle.organizationId).toBe(ORG);
      expect(await openExportBundle(bundle, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey)).toBe(mnemonic);
    }
  });
});

describe('parseExportBundle refuses what it cannot trust', () => {
  it('a signature by an enclave key that is not trusted, even if it verifies', async () => {
    const enclave = independentEnclave();
    const other = independentEnclave();
    const recipient = await turnkeyKey();
    const text = enclave.bundle('abandon ability able about above absent absorb abstract absurd abuse access accident', recipient.publicKeyUncompressedHex);
    expectFormatError(() => parseExportBundle(text, pinned(other.publicKey)), BUNDLE, /does not trust/);
    // Integrity-only development mode accepts the named key…
    expect(parseExportBundle(text, { signers: [], allowUnsigned: false, acceptNamedSigner: true }).organizationId).toBe(ORG);
  });

  it('a tampered signature or tampered data', async () => {
    const enclave = independentEnclave();
    const recipient = await turnkeyKey();
    const outer = JSON.parse(enclave.bundle(generateMnemonic(wordlist), recipient.publicKeyUncompressedHex)) as Record<string, string>;
    const badSignature = { ...outer, dataSignature: hex(flipBit(unhex(outer.dataSignature!), 40)) };
    const badData = { ...outer, data: hex(flipBit(unhex(outer.data!), 3)) };
    for (const tampered of [badSignature, badData]) {
      for (const trust of [pinned(enclave.publicKey), { signers: [], allowUnsigned: true, acceptNamedSigner: true }]) {
        expectFormatError(() => parseExportBundle(JSON.stringify(tampered), trust), BUNDLE, /does not verify/);
      }
    }
  });

  it('an unsigned (sandbox) bundle unless unsigned bundles are allowed', async () => {
    const enclave = independentEnclave();
    const recipient = await turnkeyKey();
    const mnemonic = generateMnemonic(wordlist);
    const text = enclave.bundle(mnemonic, recipient.publicKeyUncompressedHex, ORG, false);
    expectFormatError(() => parseExportBundle(text, pinned(enclave.publicKey)), BUNDLE, /unsigned/);
    const bundle = parseExportBundle(text, { signers: [], allowUnsigned: true });
    expect(await openExportBundle(bundle, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey)).toBe(mnemonic);
  });

  it('malformed envelopes, naming the field', () => {
    expectFormatError(() => parseExportBundle('nope', pinned()), BUNDLE, 'is not valid JSON');
    expectFormatError(() => parseExportBundle('{"version":"v1.0.0","data":"zz","dataSignature":"","enclaveQuorumPublic":""}', { signers: [], allowUnsigned: true }), `${BUNDLE}.data`, /hex/);
    const data = Buffer.from('{"organizationId":"org_1"}').toString('hex');
    expectFormatError(() => parseExportBundle(JSON.stringify({ version: 'v1.0.0', data, dataSignature: '', enclaveQuorumPublic: '' }), { signers: [], allowUnsigned: true }), `${BUNDLE}.data`, /encappedPublic/);
  });
});

describe('openExportBundle', () => {
  it('refuses another organisation, a bundle sealed to another key, and a plaintext that is not a phrase', async () => {
    const enclave = independentEnclave();
    const recipient = await turnkeyKey();
    const stranger = await turnkeyKey();
    const trust = pinned(enclave.publicKey);
    const bundle = parseExportBundle(enclave.bundle(generateMnemonic(wordlist), recipient.publicKeyUncompressedHex), trust);
    await expectFormatErrorAsync(openExportBundle(bundle, { organizationId: 'org_other' }, recipient.handles.agreementKey, recipient.handles.publicKey), `${BUNDLE}.data.organizationId`, /not the organisation/);
    const sealedToStranger = parseExportBundle(enclave.bundle(generateMnemonic(wordlist), stranger.publicKeyUncompressedHex), trust);
    await expectFormatErrorAsync(openExportBundle(sealedToStranger, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey), BUNDLE, /did not open/);
    const notAPhrase = parseExportBundle(enclave.bundle('<script>alert(1)</script>', recipient.publicKeyUncompressedHex), trust);
    await expectFormatErrorAsync(openExportBundle(notAPhrase, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey), BUNDLE, /not a recovery phrase/);
  });
});
