import { FormatError } from './errors.ts';

/**
 * The enclave keys this wallet believes, in one place.
 *
 * Grid's enclave bundles are Turnkey's: `data` signed by an enclave key that the
 * bundle itself names (`enclaveQuorumPublic`). Naming a key proves nothing (a page
 * can sign with a key of its own), so the named key must be pinned here for what
 * the bundle is for, exactly as `@turnkey/crypto` pins them:
 *  - OTP target bundles come from Turnkey's TLS fetcher enclave
 *    (`PRODUCTION_TLS_FETCHER_SIGN_PUBLIC_KEY`, checked by `encryptOtpCodeToBundle`);
 *  - export bundles (and import targets) from Turnkey's signer enclave
 *    (`PRODUCTION_SIGNER_SIGN_PUBLIC_KEY`, checked by `decryptExportBundle`).
 * The local Grid emulator signs everything with one fixed test key whose private
 * half is public (packages/emulator/src/enclave.ts): it counts only while the user (or a
 * development build's default) has "Trust the local Grid emulator" on, and only in
 * development builds: the key reaches the check through `EnclaveTrust`, which a store
 * build never fills, so its bundle carries no trace of the key (docs/security-model.md §3.8).
 */

/** What a signed enclave bundle is for; each purpose has its own production signer. */
export type EnclavePurpose = 'otpEncryptionTarget' | 'walletExport';

/** Who signed a bundle that verified: Turnkey's production enclave or the local Grid emulator. */
export type EnclaveSigner = 'turnkey' | 'localGridEmulator';

/** Turnkey's production enclave signing keys (uncompressed SEC1 hex), per purpose. */
export const TURNKEY_ENCLAVE_SIGNERS: Readonly<Record<EnclavePurpose, string>> = {
  otpEncryptionTarget:
    '046b4f88421f76b6ba418afc2ea1d8ced671337d7db6b80478a60d8531bf8f17fa9a512f0fef96fc0c9b4cd9dff70b34992e520ce04c79d931f6ff6296b547d201',
  walletExport:
    '04cf288fe433cc4e1aa0ce1632feac4ea26bf2f5a09dcfe5a42c398e06898710330f0572882f4dbdf0f5304b8fc8703acd69adca9a4bbf7f5d00d20a5e364b2569',
};

/** The local Grid emulator's fixed enclave key, for every purpose. Its private key is a published test key. */
export const LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER =
  '04133bcdd79d1510034470c2bfb96aaa433d6b198b63f60f3690beca7048fabf5e43c761e4cf887f62091b1d26fb0a5e46b01cd5674463f4fc2f8c4f752e4ec803';

/** Which signers besides Turnkey's this build knows, and whether the user trusts them right now. */
export interface EnclaveTrust {
  /** The local Grid emulator's key and the "Trust the local Grid emulator" setting; absent in store builds. */
  readonly localGridEmulator?: { readonly signer: string; readonly trusted: boolean };
}

/** A development build's trust in the local Grid emulator (store builds never call this). */
export const localGridEmulatorTrust = (trusted: boolean): EnclaveTrust => ({
  localGridEmulator: { signer: LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER, trusted },
});

/**
 * Which pinned signer `uncompressedHex` (SEC1 hex of the key a bundle names) is, for `purpose` under `trust`;
 * otherwise throws FormatError(`what`, reason). enclaveBundle.ts's verifyEnclaveSignature then checks the signature.
 */
export function pinnedSigner(purpose: EnclavePurpose, uncompressedHex: string, trust: EnclaveTrust, what: string): EnclaveSigner {
  if (uncompressedHex === TURNKEY_ENCLAVE_SIGNERS[purpose]) return 'turnkey';
  if (uncompressedHex === trust.localGridEmulator?.signer) {
    if (trust.localGridEmulator.trusted) return 'localGridEmulator';
    throw new FormatError(
      what,
      'is signed by the local Grid emulator, which this wallet trusts only while "Trust the local Grid emulator" is on',
      'untrusted',
    );
  }
  throw new FormatError(what, 'is not signed by an enclave key this wallet trusts (enclaveQuorumPublic is not pinned)', 'untrusted');
}
