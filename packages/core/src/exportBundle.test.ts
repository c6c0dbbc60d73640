import { generateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english.js';
import { decryptExportBundle, formatHpkeBuf, hpkeEncrypt } from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY } from '@grid-wallet/emulator';
import { type EnclaveTrust, localGridEmulatorTrust } from './enclaveSigners.ts';
import { openExportBundle, parseExportBundle, sealExportBundle } from './exportBundle.ts';
import { importP256Scalar } from './keys.ts';
import {
  expectFormatError,
  expectFormatErrorAsync,
  flipBit,
  hex,
  independentEnclaveBundle,
  nodeSigner,
  turnkeyKey,
  unhex,
} from './testReference.ts';

const BUNDLE = 'encryptedWalletCredentials';
const ORG = 'org_5d1b0c2f';

const TRUST_EMULATOR: EnclaveTrust = localGridEmulatorTrust(true);
const PRODUCTION_ONLY: EnclaveTrust = localGridEmulatorTrust(false);

/**
 * An enclave built without our code: OpenSSL signs (with `signer`, by default the
 * local Grid emulator's published test key, which the 'walletExport' set pins) a
 * bundle around a Turnkey HPKE seal, as Grid sends it.
 */
function independentEnclave(signer = nodeSigner(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY)) {
  return {
    bundle(mnemonic: string, targetUncompressedHex: string, organizationId = ORG, signed = true): string {
      // formatHpkeBuf gives {"encappedPublic","ciphertext"}; Grid adds organizationId inside the signed data.
      const sealed = JSON.parse(
        formatHpkeBuf(hpkeEncrypt({ plainTextBuf: new TextEncoder().encode(mnemonic), targetKeyBuf: unhex(targetUncompressedHex) })),
      );
      const outer = independentEnclaveBundle(signer, { ...sealed, organizationId });
      return JSON.stringify(signed ? outer : { ...outer, dataSignature: '', enclaveQuorumPublic: '' });
    },
  };
}

describe('export bundles vs @turnkey/crypto', () => {
  it('decryptExportBundle opens what sealExportBundle made (signed by our enclave key, organisation checked)', async () => {
    const quorum = await importP256Scalar(unhex(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY));
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
        decryptExportBundle({
          exportBundle: bundle,
          embeddedKey: recipient.privateKeyHex,
          organizationId: 'org_other',
          returnMnemonic: true,
          dangerouslyOverrideSignerPublicKey: hex(quorum.publicKey),
        }),
      ).rejects.toThrow(/organization id/);
    }
  });

  it('opens a bundle built by Turnkey HPKE and signed by OpenSSL', async () => {
    const enclave = independentEnclave();
    for (let i = 0; i < 5; i++) {
      const recipient = await turnkeyKey();
      const mnemonic = generateMnemonic(wordlist, 128);
      const bundle = parseExportBundle(enclave.bundle(mnemonic, recipient.publicKeyUncompressedHex), TRUST_EMULATOR);
      expect(bundle.organizationId).toBe(ORG);
      expect(await openExportBundle(bundle, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey)).toBe(
        mnemonic,
      );
    }
  });
});

describe('parseExportBundle refuses what it cannot trust', () => {
  it('a signature by an enclave key that is not pinned, even if it verifies; the emulator key only while trusted', async () => {
    const recipient = await turnkeyKey();
    const mnemonic = 'abandon ability able about above absent absorb abstract absurd abuse access accident';
    const unpinned = independentEnclave(nodeSigner()).bundle(mnemonic, recipient.publicKeyUncompressedHex);
    expectFormatError(() => parseExportBundle(unpinned, TRUST_EMULATOR), BUNDLE, /not pinned/);
    const byEmulator = independentEnclave().bundle(mnemonic, recipient.publicKeyUncompressedHex);
    expectFormatError(() => parseExportBundle(byEmulator, PRODUCTION_ONLY), BUNDLE, /Trust the local Grid emulator/);
    expect(parseExportBundle(byEmulator, TRUST_EMULATOR).organizationId).toBe(ORG);
  });

  it('a tampered signature or tampered data', async () => {
    const enclave = independentEnclave();
    const recipient = await turnkeyKey();
    const outer = JSON.parse(enclave.bundle(generateMnemonic(wordlist), recipient.publicKeyUncompressedHex)) as Record<string, string>;
    const badSignature = { ...outer, dataSignature: hex(flipBit(unhex(outer.dataSignature!), 40)) };
    const badData = { ...outer, data: hex(flipBit(unhex(outer.data!), 3)) };
    for (const tampered of [badSignature, badData]) {
      expectFormatError(() => parseExportBundle(JSON.stringify(tampered), TRUST_EMULATOR), BUNDLE, /does not verify/);
    }
  });

  it('an unsigned (sandbox) bundle unless the local emulator is trusted', async () => {
    const enclave = independentEnclave();
    const recipient = await turnkeyKey();
    const mnemonic = generateMnemonic(wordlist);
    const text = enclave.bundle(mnemonic, recipient.publicKeyUncompressedHex, ORG, false);
    expectFormatError(() => parseExportBundle(text, PRODUCTION_ONLY), BUNDLE, /only while "Trust the local Grid emulator" is on/);
    expectFormatError(() => parseExportBundle(text, {}), BUNDLE, /which a store build never accepts/); // a store build's trust
    const bundle = parseExportBundle(text, TRUST_EMULATOR);
    expect(await openExportBundle(bundle, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey)).toBe(
      mnemonic,
    );
  });

  it('malformed envelopes, naming the field', () => {
    expectFormatError(() => parseExportBundle('nope', TRUST_EMULATOR), BUNDLE, 'is not valid JSON');
    expectFormatError(
      () => parseExportBundle('{"version":"v1.0.0","data":"zz","dataSignature":"","enclaveQuorumPublic":""}', TRUST_EMULATOR),
      `${BUNDLE}.data`,
      /hex/,
    );
    const data = Buffer.from('{"organizationId":"org_1"}').toString('hex');
    expectFormatError(
      () => parseExportBundle(JSON.stringify({ version: 'v1.0.0', data, dataSignature: '', enclaveQuorumPublic: '' }), TRUST_EMULATOR),
      `${BUNDLE}.data`,
      /encappedPublic/,
    );
  });
});

describe('openExportBundle', () => {
  it('refuses another organisation, a bundle sealed to another key, and a plaintext that is not a phrase', async () => {
    const enclave = independentEnclave();
    const recipient = await turnkeyKey();
    const stranger = await turnkeyKey();
    const bundle = parseExportBundle(enclave.bundle(generateMnemonic(wordlist), recipient.publicKeyUncompressedHex), TRUST_EMULATOR);
    await expectFormatErrorAsync(
      openExportBundle(bundle, { organizationId: 'org_other' }, recipient.handles.agreementKey, recipient.handles.publicKey),
      `${BUNDLE}.data.organizationId`,
      /not the organisation/,
    );
    const sealedToStranger = parseExportBundle(
      enclave.bundle(generateMnemonic(wordlist), stranger.publicKeyUncompressedHex),
      TRUST_EMULATOR,
    );
    await expectFormatErrorAsync(
      openExportBundle(sealedToStranger, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey),
      BUNDLE,
      /did not open/,
    );
    const notAPhrase = parseExportBundle(enclave.bundle('<script>alert(1)</script>', recipient.publicKeyUncompressedHex), TRUST_EMULATOR);
    await expectFormatErrorAsync(
      openExportBundle(notAPhrase, { organizationId: ORG }, recipient.handles.agreementKey, recipient.handles.publicKey),
      BUNDLE,
      /not a recovery phrase/,
    );
  });
});
