import { fromUtf8 } from './bytes.ts';
import { type EnclavePurpose, type EnclaveSigner, type EnclaveTrust, pinnedSigner } from './enclaveSigners.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes } from './hex.ts';
import { parseJsonObject, stringField } from './jsonObject.ts';
import { p1363ToDer } from './derSignature.ts';
import { publicKeyFromHex, uncompressPublicKey, verifyDerSignature } from './p256.ts';

/**
 * Turnkey's signed enclave envelope, the outer shape of Grid's OTP target bundles
 * and export bundles:
 *   {"version","data":hex(JSON),"dataSignature":hex DER,"enclaveQuorumPublic":hex}
 * It opens only when `enclaveQuorumPublic` is pinned for the purpose and
 * `dataSignature` verifies (enclaveSigners.ts). An unsigned bundle (Grid's sandbox
 * leaves both fields empty) proves nothing about who made it: it is refused, unless
 * the caller accepts it ('accept': the OTP flow under the Grid sandbox developer
 * setting, which then treats the code as the site's to read) or accepts it while the
 * user trusts the local Grid emulator (the sandbox's unsigned wallet exports, under the
 * same development-only trust).
 */
export interface EnclaveBundle<Signer = EnclaveSigner> {
  readonly version: string;
  /** The signed `data`, parsed. */
  readonly data: Record<string, unknown>;
  readonly signer: Signer;
}

/** What an accepted unsigned bundle reports as its signer. */
export type Unsigned = 'unsigned';

/** Whether, and when, an unsigned bundle is accepted (see above); refused when absent. */
export type UnsignedBundles = 'accept' | 'accept-while-emulator-trusted';

/** Reads and verifies an enclave bundle; every failure is a FormatError naming `what` (or one of its fields). */
export function readEnclaveBundle(text: string, what: string, purpose: EnclavePurpose, trust: EnclaveTrust): EnclaveBundle;
export function readEnclaveBundle(
  text: string,
  what: string,
  purpose: EnclavePurpose,
  trust: EnclaveTrust,
  unsigned: UnsignedBundles | undefined,
): EnclaveBundle<EnclaveSigner | Unsigned>;
export function readEnclaveBundle(
  text: string,
  what: string,
  purpose: EnclavePurpose,
  trust: EnclaveTrust,
  unsigned?: UnsignedBundles,
): EnclaveBundle<EnclaveSigner | Unsigned> {
  if (typeof text !== 'string') throw new FormatError(what, 'must be a string');
  const outer = parseJsonObject(text, what);
  const version = stringField(outer, 'version', what);
  const data = hexToBytes(stringField(outer, 'data', what), `${what}.data`);
  const signatureHex = typeof outer.dataSignature === 'string' ? outer.dataSignature : '';
  const signerHex = typeof outer.enclaveQuorumPublic === 'string' ? outer.enclaveQuorumPublic : '';
  let signer: EnclaveSigner | Unsigned;
  if (signatureHex === '' && signerHex === '') {
    if (unsigned === undefined)
      throw new FormatError(what, 'is not signed (dataSignature and enclaveQuorumPublic are empty or missing)', 'untrusted');
    if (unsigned === 'accept-while-emulator-trusted' && !trust.localGridEmulator?.trusted) {
      throw new FormatError(
        what,
        trust.localGridEmulator
          ? 'is not signed (as in Grid sandbox), which this wallet accepts only while "Trust the local Grid emulator" is on'
          : 'is not signed (as in Grid sandbox), which a store build never accepts',
        'untrusted',
      );
    }
    signer = 'unsigned';
  } else {
    if (signatureHex === '' || signerHex === '')
      throw new FormatError(what, 'has only one of dataSignature and enclaveQuorumPublic', 'untrusted');
    const signerKey = publicKeyFromHex(signerHex, `${what}.enclaveQuorumPublic`);
    const signature = hexToBytes(signatureHex, `${what}.dataSignature`);
    signer = verifyEnclaveSignature(purpose, data, signature, signerKey, trust, what);
  }

  let dataText: string;
  try {
    dataText = fromUtf8(data);
  } catch {
    throw new FormatError(`${what}.data`, 'is not UTF-8 JSON');
  }
  return { version, data: parseJsonObject(dataText, `${what}.data`), signer };
}

/**
 * The enclave's side (our emulator): wraps `data` in the envelope above, signed by
 * `signer` (DER ECDSA-P256-SHA256 over the raw bytes), or unsigned (both fields
 * empty) as Grid's sandbox sends wallet exports.
 */
export async function makeEnclaveBundle(data: Uint8Array, signer?: { signingKey: CryptoKey; publicKey: Uint8Array }): Promise<string> {
  let dataSignature = '';
  let enclaveQuorumPublic = '';
  if (signer) {
    const raw = new Uint8Array(
      await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer.signingKey, data as Uint8Array<ArrayBuffer>),
    );
    dataSignature = bytesToHex(p1363ToDer(raw));
    enclaveQuorumPublic = bytesToHex(uncompressPublicKey(signer.publicKey));
  }
  return JSON.stringify({ version: 'v1.0.0', data: bytesToHex(data), dataSignature, enclaveQuorumPublic });
}

/**
 * Checks that `signerPublicKey` (a P-256 point, either encoding) is pinned for
 * `purpose` under `trust`, and that `signature` (DER ECDSA-P256-SHA256 over the raw
 * `message` bytes, as Turnkey's enclaves sign a bundle's `data`) verifies against
 * it. Returns which signer it was; otherwise throws FormatError(`what`, reason),
 * `what` naming the bundle (e.g. "otpEncryptionTargetBundle").
 */
export function verifyEnclaveSignature(
  purpose: EnclavePurpose,
  message: Uint8Array,
  signature: Uint8Array,
  signerPublicKey: Uint8Array,
  trust: EnclaveTrust,
  what = 'enclave bundle',
): EnclaveSigner {
  const signer = pinnedSigner(purpose, bytesToHex(uncompressPublicKey(signerPublicKey, `${what}.enclaveQuorumPublic`)), trust, what);
  if (!verifyDerSignature(signerPublicKey, signature, message))
    throw new FormatError(what, 'dataSignature does not verify against enclaveQuorumPublic', 'untrusted');
  return signer;
}
