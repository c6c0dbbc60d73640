import { fromUtf8, utf8 } from './bytes.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes } from './hex.ts';
import { hpkeOpen, hpkeSeal } from './hpke.ts';
import { compressPublicKey, p1363ToDer, publicKeyFromHex, uncompressPublicKey, verifyDerSignature } from './p256.ts';

/**
 * Grid's current EMAIL_OTP / SMS_OTP flow.
 *
 * The server returns `otpEncryptionTargetBundle`, an enclave-signed envelope
 *   {"version","data":hex(JSON{targetPublic,…}),"dataSignature":hex DER,"enclaveQuorumPublic":hex}
 * and the client answers with `encryptedOtpBundle`, the HPKE seal of
 *   {"otp_code":"…","public_key":"<client key, compressed hex>"}
 * to `targetPublic`, written as {"encappedPublic":hex,"ciphertext":hex}.
 * The plaintext code therefore never reaches the integrator's page or backend.
 */
const TARGET = 'otpEncryptionTargetBundle';
const ENCRYPTED = 'encryptedOtpBundle';

export interface TargetBundle {
  readonly version: string;
  /** The enclave's HPKE recipient key, uncompressed. */
  readonly targetPublic: Uint8Array<ArrayBuffer>;
  /** The quorum key that signed `data`, or null when the bundle is unsigned (Grid sandbox). */
  readonly enclaveQuorumPublic: Uint8Array<ArrayBuffer> | null;
}

function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError(what, 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(what, 'must be a JSON object');
  return value as Record<string, unknown>;
}

function stringField(object: Record<string, unknown>, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw new FormatError(what, `"${key}" must be a string`);
  return value;
}

/**
 * Parses a target bundle and checks `dataSignature` against `enclaveQuorumPublic`
 * when both are present. Grid's OpenAPI examples wrap the JSON in stray single
 * quotes; those are stripped, as Grid's own client does.
 */
export function parseTargetBundle(text: string): TargetBundle {
  if (typeof text !== 'string') throw new FormatError(TARGET, 'must be a string');
  const outer = parseJsonObject(text.trim().replace(/^'+|'+$/g, ''), TARGET);
  const version = stringField(outer, 'version', TARGET);
  const dataHex = stringField(outer, 'data', TARGET);
  const signatureHex = typeof outer.dataSignature === 'string' ? outer.dataSignature : '';
  const quorumHex = typeof outer.enclaveQuorumPublic === 'string' ? outer.enclaveQuorumPublic : '';
  const data = hexToBytes(dataHex, `${TARGET}.data`);

  let enclaveQuorumPublic: Uint8Array<ArrayBuffer> | null = null;
  if (signatureHex !== '' || quorumHex !== '') {
    if (signatureHex === '' || quorumHex === '') {
      throw new FormatError(TARGET, 'has only one of dataSignature and enclaveQuorumPublic');
    }
    enclaveQuorumPublic = publicKeyFromHex(quorumHex, `${TARGET}.enclaveQuorumPublic`);
    const signature = hexToBytes(signatureHex, `${TARGET}.dataSignature`);
    if (!verifyDerSignature(enclaveQuorumPublic, signature, data)) {
      throw new FormatError(TARGET, 'dataSignature does not verify against enclaveQuorumPublic');
    }
  }

  let dataText: string;
  try {
    dataText = fromUtf8(data);
  } catch {
    throw new FormatError(`${TARGET}.data`, 'is not UTF-8 JSON');
  }
  const signed = parseJsonObject(dataText, `${TARGET}.data`);
  const targetPublic = uncompressPublicKey(
    publicKeyFromHex(stringField(signed, 'targetPublic', `${TARGET}.data`), `${TARGET}.data.targetPublic`),
  );
  return { version, targetPublic, enclaveQuorumPublic };
}

/**
 * Encrypts the code the user typed, bound to the client key that will sign the
 * verification token. `publicKey` is sent compressed: Grid production rejects an
 * uncompressed key here (lightsparkdev/grid-api#1001); sandbox accepts either.
 */
export async function encryptOtpBundle(otpCode: string, clientPublicKey: Uint8Array, targetBundle: TargetBundle): Promise<string> {
  const plaintext = utf8(JSON.stringify({ otp_code: otpCode, public_key: bytesToHex(compressPublicKey(clientPublicKey)) }));
  const { enc, ciphertext } = await hpkeSeal(targetBundle.targetPublic, plaintext);
  return JSON.stringify({ encappedPublic: bytesToHex(enc), ciphertext: bytesToHex(ciphertext) });
}

/** The enclave's side (our emulator): open an `encryptedOtpBundle` with the target key. */
export async function openOtpBundle(
  encryptedOtpBundle: string,
  target: CryptoKeyPair,
  targetPublic: Uint8Array,
): Promise<{ otpCode: string; publicKey: Uint8Array<ArrayBuffer> }> {
  if (typeof encryptedOtpBundle !== 'string') throw new FormatError(ENCRYPTED, 'must be a string');
  const outer = parseJsonObject(encryptedOtpBundle, ENCRYPTED);
  const enc = uncompressPublicKey(publicKeyFromHex(stringField(outer, 'encappedPublic', ENCRYPTED), `${ENCRYPTED}.encappedPublic`));
  const ciphertext = hexToBytes(stringField(outer, 'ciphertext', ENCRYPTED), `${ENCRYPTED}.ciphertext`);
  const plaintext = await hpkeOpen(target, targetPublic, { enc, ciphertext }, ENCRYPTED);
  let inner: Record<string, unknown>;
  try {
    inner = parseJsonObject(fromUtf8(plaintext), ENCRYPTED);
  } catch {
    throw new FormatError(ENCRYPTED, 'plaintext is not the expected JSON');
  }
  return {
    otpCode: stringField(inner, 'otp_code', ENCRYPTED),
    publicKey: publicKeyFromHex(stringField(inner, 'public_key', ENCRYPTED), `${ENCRYPTED}.public_key`),
  };
}

/**
 * The enclave's side: publish `targetPublic` in a bundle. With a quorum signing
 * key the bundle is signed as in production; without one, the signature fields are
 * empty strings as in Grid's sandbox.
 */
export async function makeTargetBundle(
  targetPublic: Uint8Array,
  quorum?: { signingKey: CryptoKey; publicKey: Uint8Array },
): Promise<string> {
  const data = utf8(JSON.stringify({ targetPublic: bytesToHex(uncompressPublicKey(targetPublic)) }));
  let dataSignature = '';
  let enclaveQuorumPublic = '';
  if (quorum) {
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, quorum.signingKey, data));
    dataSignature = bytesToHex(p1363ToDer(raw));
    enclaveQuorumPublic = bytesToHex(uncompressPublicKey(quorum.publicKey));
  }
  return JSON.stringify({ version: 'v1.0.0', data: bytesToHex(data), dataSignature, enclaveQuorumPublic });
}
