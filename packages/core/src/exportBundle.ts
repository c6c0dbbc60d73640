import { fromUtf8, utf8 } from './bytes.ts';
import { makeEnclaveBundle, readEnclaveBundle } from './enclaveBundle.ts';
import type { EnclaveTrust } from './enclaveSigners.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes } from './hex.ts';
import { hpkeOpen, hpkeSeal } from './hpke.ts';
import { stringField } from './jsonObject.ts';
import { publicKeyFromHex, uncompressPublicKey } from './p256.ts';

/**
 * Grid's wallet export (`POST /internal-accounts/{id}/export` → 200
 * `encryptedWalletCredentials`): an enclave bundle (enclaveBundle.ts) whose `data` hex-decodes to
 *   {"encappedPublic": uncompressed hex, "ciphertext": hex, "organizationId": "org_…"}
 * and whose HPKE plaintext is the wallet's BIP-39 mnemonic, sealed to the
 * export request's `clientPublicKey` (Grid's OpenAPI document, packages/emulator/src/grid-openapi, InternalAccountExportResponse).
 */
const BUNDLE = 'encryptedWalletCredentials';

export interface ExportBundle {
  readonly organizationId: string;
  readonly enc: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/** A 12–24 word phrase of letters (BIP-39 wordlists are letters only, any language). */
const MNEMONIC = /^\p{L}+( \p{L}+){11,23}$/u;

/**
 * Parses an export bundle and checks its enclave signature against the pinned
 * signers for 'walletExport' (enclaveSigners.ts) under `trust`: a signature by an
 * unpinned key, a signature that does not verify, or an unsigned bundle (Grid's
 * sandbox) while the local emulator is not trusted are all refused before
 * anything is opened.
 */
export function parseExportBundle(text: string, trust: EnclaveTrust): ExportBundle {
  const { data } = readEnclaveBundle(text, BUNDLE, 'walletExport', trust, 'accept-while-emulator-trusted');
  return {
    organizationId: stringField(data, 'organizationId', `${BUNDLE}.data`),
    enc: uncompressPublicKey(publicKeyFromHex(stringField(data, 'encappedPublic', `${BUNDLE}.data`), `${BUNDLE}.data.encappedPublic`)),
    ciphertext: hexToBytes(stringField(data, 'ciphertext', `${BUNDLE}.data`), `${BUNDLE}.data.ciphertext`),
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
  if (bundle.organizationId !== expected.organizationId)
    throw new FormatError(`${BUNDLE}.data.organizationId`, 'is not the organisation the export was approved for', 'did-not-open');
  const plaintext = await hpkeOpen(recipient, recipientPublicKey, { enc: bundle.enc, ciphertext: bundle.ciphertext }, BUNDLE);
  let mnemonic: string;
  try {
    mnemonic = fromUtf8(plaintext);
  } catch {
    throw new FormatError(BUNDLE, 'plaintext is not a recovery phrase', 'did-not-open');
  } finally {
    plaintext.fill(0);
  }
  if (!MNEMONIC.test(mnemonic)) throw new FormatError(BUNDLE, 'plaintext is not a recovery phrase', 'did-not-open');
  return mnemonic;
}

/** The enclave's side (our emulator): seal `mnemonic` to the export key, signed by `signer` or unsigned (sandbox). */
export async function sealExportBundle(
  mnemonic: string,
  target: { readonly publicKey: Uint8Array; readonly organizationId: string },
  signer?: { signingKey: CryptoKey; publicKey: Uint8Array },
): Promise<string> {
  const { enc, ciphertext } = await hpkeSeal(target.publicKey, utf8(mnemonic));
  const data = { encappedPublic: bytesToHex(enc), ciphertext: bytesToHex(ciphertext), organizationId: target.organizationId };
  return makeEnclaveBundle(utf8(JSON.stringify(data)), signer);
}
