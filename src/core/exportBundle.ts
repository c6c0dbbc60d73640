import { fromUtf8, utf8 } from './bytes.ts';
import { makeEnclaveEnvelope } from './enclaveEnvelope.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes } from './hex.ts';
import { hpkeOpen, hpkeSeal } from './hpke.ts';
import { parseJsonObject, stringField } from './jsonObject.ts';
import { publicKeyFromHex, samePublicKey, uncompressPublicKey, verifyDerSignature } from './p256.ts';

/**
 * Grid's wallet export (`POST /internal-accounts/{id}/export` → 200
 * `encryptedWalletCredentials`): an enclave envelope whose `data` hex-decodes to
 *   {"encappedPublic": uncompressed hex, "ciphertext": hex, "organizationId": "org_…"}
 * and whose HPKE plaintext is the wallet's BIP-39 mnemonic, sealed to the
 * export request's `clientPublicKey` (../shared/reference/grid-openapi, InternalAccountExportResponse).
 */
const BUNDLE = 'encryptedWalletCredentials';

/** Which enclave signatures an export bundle may carry; decided by the caller, never by the bundle. */
export interface ExportSignerTrust {
  /** Enclave signing keys (any SEC1 form) whose `dataSignature` is accepted. */
  readonly signers: readonly Uint8Array[];
  /**
   * Accept empty `dataSignature` and `enclaveQuorumPublic`, as Grid's sandbox sends:
   * only where the sandbox or the local emulator is trusted.
   */
  readonly allowUnsigned: boolean;
  /**
   * Integrity only: also accept a signature by the key the bundle itself names.
   * For development builds until the pinned enclave signer set is wired in;
   * never in a store build.
   */
  readonly acceptNamedSigner?: boolean;
}

export interface ExportBundle {
  readonly organizationId: string;
  readonly enc: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/** A 12–24 word phrase of letters (BIP-39 wordlists are letters only, any language). */
const MNEMONIC = /^\p{L}+( \p{L}+){11,23}$/u;

/**
 * Parses an export bundle and checks its enclave signature against `trust`:
 * a signature by a key outside `trust.signers`, a signature that does not verify,
 * or (unless allowed) an unsigned bundle are all refused before anything is opened.
 */
export function parseExportBundle(text: string, trust: ExportSignerTrust): ExportBundle {
  if (typeof text !== 'string') throw new FormatError(BUNDLE, 'must be a string');
  const outer = parseJsonObject(text, BUNDLE);
  stringField(outer, 'version', BUNDLE);
  const data = hexToBytes(stringField(outer, 'data', BUNDLE), `${BUNDLE}.data`);
  const signatureHex = stringField(outer, 'dataSignature', BUNDLE);
  const signerHex = stringField(outer, 'enclaveQuorumPublic', BUNDLE);
  if (signatureHex === '' && signerHex === '') {
    if (!trust.allowUnsigned) throw new FormatError(BUNDLE, 'dataSignature is missing and unsigned bundles are not trusted here');
  } else {
    const signer = publicKeyFromHex(signerHex, `${BUNDLE}.enclaveQuorumPublic`);
    if (!trust.acceptNamedSigner && !trust.signers.some((trusted) => samePublicKey(trusted, signer))) {
      throw new FormatError(BUNDLE, 'dataSignature is by an enclave key this extension does not trust');
    }
    if (!verifyDerSignature(signer, hexToBytes(signatureHex, `${BUNDLE}.dataSignature`), data)) {
      throw new FormatError(BUNDLE, 'dataSignature does not verify');
    }
  }
  let signed: Record<string, unknown>;
  try {
    signed = parseJsonObject(fromUtf8(data), `${BUNDLE}.data`);
  } catch {
    throw new FormatError(`${BUNDLE}.data`, 'is not UTF-8 JSON');
  }
  return {
    organizationId: stringField(signed, 'organizationId', `${BUNDLE}.data`),
    enc: uncompressPublicKey(publicKeyFromHex(stringField(signed, 'encappedPublic', `${BUNDLE}.data`), `${BUNDLE}.data.encappedPublic`)),
    ciphertext: hexToBytes(stringField(signed, 'ciphertext', `${BUNDLE}.data`), `${BUNDLE}.data.ciphertext`),
  };
}

/**
 * Opens a parsed bundle with the export key, after checking it was made for the
 * organisation the user approved exporting from. Returns the mnemonic; the
 * caller shows it and drops it.
 */
export async function openExportBundle(
  bundle: ExportBundle,
  expected: { readonly organizationId: string },
  recipient: CryptoKeyPair,
  recipientPublicKey: Uint8Array,
): Promise<string> {
  if (bundle.organizationId !== expected.organizationId) throw new FormatError(`${BUNDLE}.data.organizationId`, 'is not the organisation the export was approved for');
  const plaintext = await hpkeOpen(recipient, recipientPublicKey, { enc: bundle.enc, ciphertext: bundle.ciphertext }, BUNDLE);
  let mnemonic: string;
  try {
    mnemonic = fromUtf8(plaintext);
  } catch {
    throw new FormatError(BUNDLE, 'plaintext is not a recovery phrase');
  } finally {
    plaintext.fill(0);
  }
  if (!MNEMONIC.test(mnemonic)) throw new FormatError(BUNDLE, 'plaintext is not a recovery phrase');
  return mnemonic;
}

/** The enclave's side (our emulator): seal `mnemonic` to the export key, signed by `quorum` or unsigned (sandbox). */
export async function sealExportBundle(
  mnemonic: string,
  target: { readonly publicKey: Uint8Array; readonly organizationId: string },
  quorum?: { signingKey: CryptoKey; publicKey: Uint8Array },
): Promise<string> {
  const { enc, ciphertext } = await hpkeSeal(target.publicKey, utf8(mnemonic));
  const data = { encappedPublic: bytesToHex(enc), ciphertext: bytesToHex(ciphertext), organizationId: target.organizationId };
  return makeEnclaveEnvelope(utf8(JSON.stringify(data)), quorum);
}
