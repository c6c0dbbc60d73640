import {
  decryptExportBundle,
  encryptOtpCodeToBundle,
  encryptPrivateKeyToBundle,
  PRODUCTION_SIGNER_SIGN_PUBLIC_KEY,
  PRODUCTION_TLS_FETCHER_SIGN_PUBLIC_KEY,
} from '@turnkey/crypto';
import { describe, expect, it } from 'vitest';
import { LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY } from '@grid-wallet/emulator';
import { readEnclaveBundle, verifyEnclaveSignature } from './enclaveBundle.ts';
import {
  type EnclaveTrust,
  LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER,
  localGridEmulatorTrust,
  TURNKEY_ENCLAVE_SIGNERS,
} from './enclaveSigners.ts';
import { parseTargetBundle } from './otpBundle.ts';
import { compressPublicKey, publicKeyFromScalar } from './p256.ts';
import { expectFormatError, hex, independentEnclaveBundle, nodeSigner, turnkeyKey, unhex } from './testReference.ts';

const TRUST_EMULATOR: EnclaveTrust = localGridEmulatorTrust(true);
const PRODUCTION_ONLY: EnclaveTrust = localGridEmulatorTrust(false);
const TARGET = 'otpEncryptionTargetBundle';
const UNPINNED = 'is not signed by an enclave key this wallet trusts (enclaveQuorumPublic is not pinned)';
const EMULATOR_OFF = 'is signed by the local Grid emulator, which this wallet trusts only while "Trust the local Grid emulator" is on';
const BAD_SIGNATURE = 'dataSignature does not verify against enclaveQuorumPublic';

/**
 * Bundles signed by Turnkey's production signer enclave, as Turnkey's API returned
 * them: an import target ({targetPublic, organizationId, userId}) and a private-key
 * export with the embedded key it was sealed to and what it decrypts to. Published
 * as test data in worldcoin/bedrock (bedrock/src/backup/turnkey.rs).
 */
const PRODUCTION_IMPORT_BUNDLE = {
  bundle:
    '{"version":"v1.0.0","data":"7b227461726765745075626c6963223a2230343962386233366462353538653533356565316161663631303162396561623734383065396439383861636331663666323636613935393266393562643562626236616436613838383565303364346139353934636263646231323363306538623337326265666536666563643235346234666230353836343236306532646366222c226f7267616e697a6174696f6e4964223a2265396537653436362d663638372d343861322d396539352d623930393761343735663336222c22757365724964223a2234646536303165642d383332652d346339662d383735642d666437396364323166356133227d","dataSignature":"3046022100cfe48f3c7a91d4a56439866c8167f8b775873a4ef17c2eac4b42f7e999c9b0e5022100f680ec21a03b21a12182fd955bc2c2fa05d5065e198f7bff9e150e703b9ca0f9","enclaveQuorumPublic":"04cf288fe433cc4e1aa0ce1632feac4ea26bf2f5a09dcfe5a42c398e06898710330f0572882f4dbdf0f5304b8fc8703acd69adca9a4bbf7f5d00d20a5e364b2569"}',
  organizationId: 'e9e7e466-f687-48a2-9e95-b9097a475f36',
  userId: '4de601ed-832e-4c9f-875d-fd79cd21f5a3',
};
const PRODUCTION_EXPORT_BUNDLE = {
  bundle:
    '{"version":"v1.0.0","data":"7b22656e6361707065645075626c6963223a2230346361636663376430666336613566356664383764373566333236306233646637346335333037336366666564386462393831633737613462316334623839646162666234326435663337653437633135393836326261333434356462653537336438353265656639336665303061386231393533633731353834333437313135222c2263697068657274657874223a22656437396463373566643865633134346538326261656338313962653661336463353531353233646265633136333731663963613931323134643466613961663336343865336164306561313761373761656236393065613238333931323266222c226f7267616e697a6174696f6e4964223a2262306665303631382d363062302d346664312d613238662d666133626135623762393762227d","dataSignature":"3045022100ba94be796eb38fb1824c96962deece559cae57d0a4889aa9d5bdb10f711f00ac02207b19d5d787312f1485f428e2ec5ef04343bf8eb3343d20765805aa9c987f59c4","enclaveQuorumPublic":"04cf288fe433cc4e1aa0ce1632feac4ea26bf2f5a09dcfe5a42c398e06898710330f0572882f4dbdf0f5304b8fc8703acd69adca9a4bbf7f5d00d20a5e364b2569"}',
  organizationId: 'b0fe0618-60b0-4fd1-a28f-fa3ba5b7b97b',
  embeddedKey: 'a528d4d2c23d25bef52192d421a4e2555c9a4a9c3e5ed7c7910fa563d8613b7a',
  plaintext: 'e5a5b45eb81b64fd76322e54b2df5f6d5cea37ff631f27d58dd57119ac69a6d2',
};

/** A target bundle signed by OpenSSL, naming `named` (default: the signer) as enclaveQuorumPublic. */
const signedTargetBundle = (signer: ReturnType<typeof nodeSigner>, targetPublicHex: string, named?: string) =>
  JSON.stringify(independentEnclaveBundle(signer, { targetPublic: targetPublicHex }, named));

const emulator = nodeSigner(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY);
const sealFor = (bundle: string, signerOverride?: string) =>
  encryptOtpCodeToBundle('123456', bundle, `02${'11'.repeat(32)}`, signerOverride);

describe('pinned enclave signers', () => {
  it("are @turnkey/crypto's production keys: the TLS fetcher's for OTP targets, the signer's for exports", () => {
    expect(TURNKEY_ENCLAVE_SIGNERS).toEqual({
      otpEncryptionTarget: PRODUCTION_TLS_FETCHER_SIGN_PUBLIC_KEY,
      walletExport: PRODUCTION_SIGNER_SIGN_PUBLIC_KEY,
    });
  });

  it("the local Grid emulator's pinned key is the public half of its published test key", () => {
    expect(hex(publicKeyFromScalar(unhex(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY), false))).toBe(LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER);
    expect(emulator.publicHex).toBe(LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER);
  });
});

describe('production bundles, cross-checked with @turnkey/crypto', () => {
  it('an export bundle Turnkey decrypts is accepted as signed by Turnkey, with its data', async () => {
    const { bundle, organizationId, embeddedKey, plaintext } = PRODUCTION_EXPORT_BUNDLE;
    expect(await decryptExportBundle({ exportBundle: bundle, embeddedKey, organizationId, returnMnemonic: false })).toBe(plaintext);
    for (const trust of [PRODUCTION_ONLY, TRUST_EMULATOR]) {
      const read = readEnclaveBundle(bundle, 'exportBundle', 'walletExport', trust);
      expect(read.signer).toBe('turnkey');
      expect(read.data).toMatchObject({ organizationId, encappedPublic: expect.stringMatching(/^04[0-9a-f]{128}$/) });
    }
  });

  it('the same export bundle with one bit of data flipped: Turnkey and we both refuse it', async () => {
    const { bundle, organizationId, embeddedKey } = PRODUCTION_EXPORT_BUNDLE;
    const outer = JSON.parse(bundle);
    const flipped = JSON.stringify({ ...outer, data: outer.data.slice(0, -1) + (outer.data.endsWith('d') ? 'c' : 'd') });
    await expect(decryptExportBundle({ exportBundle: flipped, embeddedKey, organizationId, returnMnemonic: false })).rejects.toThrow();
    expectFormatError(() => readEnclaveBundle(flipped, 'exportBundle', 'walletExport', TRUST_EMULATOR), 'exportBundle', BAD_SIGNATURE);
  });

  it('a signer-enclave target bundle: Turnkey imports to it and we verify it for exports, but neither takes it as an OTP target', async () => {
    const { bundle, organizationId, userId } = PRODUCTION_IMPORT_BUNDLE;
    await expect(
      encryptPrivateKeyToBundle({ privateKey: '11'.repeat(32), keyFormat: 'HEXADECIMAL', importBundle: bundle, userId, organizationId }),
    ).resolves.toContain('encappedPublic');
    const outer = JSON.parse(bundle);
    const signer = verifyEnclaveSignature(
      'walletExport',
      unhex(outer.data),
      unhex(outer.dataSignature),
      unhex(outer.enclaveQuorumPublic),
      PRODUCTION_ONLY,
    );
    expect(signer).toBe('turnkey');
    // The compressed form of the same point is the same pinned key.
    const compressed = compressPublicKey(unhex(outer.enclaveQuorumPublic));
    expect(verifyEnclaveSignature('walletExport', unhex(outer.data), unhex(outer.dataSignature), compressed, PRODUCTION_ONLY)).toBe(
      'turnkey',
    );

    await expect(sealFor(bundle)).rejects.toThrow(/expected signer key/);
    expectFormatError(() => parseTargetBundle(bundle, TRUST_EMULATOR), TARGET, UNPINNED);
  });

  it("a bundle naming Turnkey's OTP key but signed by another key: Turnkey and we both refuse it", async () => {
    const enclave = await turnkeyKey();
    const forged = signedTargetBundle(nodeSigner(), enclave.publicKeyUncompressedHex, PRODUCTION_TLS_FETCHER_SIGN_PUBLIC_KEY);
    await expect(sealFor(forged)).rejects.toThrow(/signature verification failed/);
    expectFormatError(() => parseTargetBundle(forged, TRUST_EMULATOR), TARGET, BAD_SIGNATURE);
  });
});

describe('who may sign an OTP target bundle', () => {
  it('a key of its own (what a page can make): Turnkey and we both refuse it, whatever the trust', async () => {
    const enclave = await turnkeyKey();
    const selfSigned = signedTargetBundle(nodeSigner(), enclave.publicKeyUncompressedHex);
    await expect(sealFor(selfSigned)).rejects.toThrow(/expected signer key/);
    for (const trust of [PRODUCTION_ONLY, TRUST_EMULATOR]) expectFormatError(() => parseTargetBundle(selfSigned, trust), TARGET, UNPINNED);
  });

  it("the local Grid emulator's key: accepted only while trusted, as Turnkey accepts it only when told to", async () => {
    const enclave = await turnkeyKey();
    const bundle = signedTargetBundle(emulator, enclave.publicKeyUncompressedHex);
    await expect(sealFor(bundle, LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER)).resolves.toContain('encappedPublic');
    const trusted = parseTargetBundle(bundle, TRUST_EMULATOR);
    expect(trusted.signer).toBe('localGridEmulator');
    expect(hex(trusted.targetPublic)).toBe(enclave.publicKeyUncompressedHex);

    await expect(sealFor(bundle)).rejects.toThrow(/expected signer key/);
    expectFormatError(() => parseTargetBundle(bundle, PRODUCTION_ONLY), TARGET, EMULATOR_OFF);
  });

  it("the emulator's key names the bundle but the signature is not its own: refused even when trusted", async () => {
    const enclave = await turnkeyKey();
    const forged = signedTargetBundle(nodeSigner(), enclave.publicKeyUncompressedHex, LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER);
    await expect(sealFor(forged, LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER)).rejects.toThrow(/signature verification failed/);
    expectFormatError(() => parseTargetBundle(forged, TRUST_EMULATOR), TARGET, BAD_SIGNATURE);
  });

  it('unsigned (both fields empty, as Grid sandbox sends, or missing), or only half signed: refused whatever the trust', async () => {
    const enclave = await turnkeyKey();
    const outer = JSON.parse(signedTargetBundle(emulator, enclave.publicKeyUncompressedHex));
    const unsigned = 'is not signed (dataSignature and enclaveQuorumPublic are empty or missing)';
    const half = 'has only one of dataSignature and enclaveQuorumPublic';
    for (const trust of [PRODUCTION_ONLY, TRUST_EMULATOR]) {
      expectFormatError(
        () => parseTargetBundle(JSON.stringify({ ...outer, dataSignature: '', enclaveQuorumPublic: '' }), trust),
        TARGET,
        unsigned,
      );
      expectFormatError(() => parseTargetBundle(JSON.stringify({ version: outer.version, data: outer.data }), trust), TARGET, unsigned);
      expectFormatError(
        () => parseTargetBundle(JSON.stringify({ ...outer, dataSignature: 7, enclaveQuorumPublic: null }), trust),
        TARGET,
        unsigned,
      );
      expectFormatError(() => parseTargetBundle(JSON.stringify({ ...outer, dataSignature: '' }), trust), TARGET, half);
      expectFormatError(() => parseTargetBundle(JSON.stringify({ ...outer, enclaveQuorumPublic: '' }), trust), TARGET, half);
    }
    await expect(
      sealFor(JSON.stringify({ ...outer, dataSignature: '', enclaveQuorumPublic: '' }), LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER),
    ).rejects.toThrow();
  });
});
