import { fromUtf8, utf8 } from './bytes.ts';
import { makeEnclaveBundle, readEnclaveBundle, type Unsigned } from './enclaveBundle.ts';
import type { EnclaveSigner, EnclaveTrust } from './enclaveSigners.ts';
import { FormatError } from './errors.ts';
import { bytesToHex, hexToBytes } from './hex.ts';
import { hpkeOpen, hpkeSeal } from './hpke.ts';
import { parseJsonObject, stringField } from './jsonObject.ts';
import { compressPublicKey, publicKeyFromHex, uncompressPublicKey } from './p256.ts';

/**
 * Grid's current EMAIL_OTP / SMS_OTP flow.
 *
 * The server returns `otpEncryptionTargetBundle`, an enclave-signed envelope
 * (enclaveBundle.ts) whose data is JSON {targetPublic,…},
 * and the client answers with `encryptedOtpBundle`, the HPKE seal of
 *   {"otp_code":"…","public_key":"<client key, compressed hex>"}
 * to `targetPublic`, written as {"encappedPublic":hex,"ciphertext":hex}.
 * The plaintext code therefore never reaches the integrator's page or backend.
 */
const TARGET = 'otpEncryptionTargetBundle';
const ENCRYPTED = 'encryptedOtpBundle';

export interface TargetBundle<Signer = EnclaveSigner> {
  readonly version: string;
  /** The enclave's HPKE recipient key, uncompressed. */
  readonly targetPublic: Uint8Array<ArrayBuffer>;
  /** Who signed it: Turnkey's enclave, or the local Grid emulator when the user trusts it ('unsigned' only when accepted). */
  readonly signer: Signer;
}

/**
 * Parses a target bundle and checks that a pinned enclave key signed it
 * (enclaveSigners.ts): a bundle signed by any other key is refused, and so is an
 * unsigned one (Grid's sandbox) unless `unsigned` is 'accept': then its signer is
 * 'unsigned', and the caller must not seal a code to it as if an enclave held the key.
 * Grid's OpenAPI examples wrap the JSON in stray single quotes; those are
 * stripped, as Grid's own client does.
 */
export function parseTargetBundle(text: string, trust: EnclaveTrust): TargetBundle;
export function parseTargetBundle(
  text: string,
  trust: EnclaveTrust,
  unsigned: 'accept' | undefined,
): TargetBundle<EnclaveSigner | Unsigned>;
export function parseTargetBundle(text: string, trust: EnclaveTrust, unsigned?: 'accept'): TargetBundle<EnclaveSigner | Unsigned> {
  if (typeof text !== 'string') throw new FormatError(TARGET, 'must be a string');
  const { version, data, signer } = readEnclaveBundle(text.trim().replace(/^'+|'+$/g, ''), TARGET, 'otpEncryptionTarget', trust, unsigned);
  const targetPublic = uncompressPublicKey(
    publicKeyFromHex(stringField(data, 'targetPublic', `${TARGET}.data`), `${TARGET}.data.targetPublic`),
  );
  return { version, targetPublic, signer };
}

/**
 * Encrypts the code the user typed, bound to the client key that will sign the
 * verification token. `publicKey` is sent compressed: Grid production rejects an
 * uncompressed key here (lightsparkdev/grid-api#1001); sandbox accepts either.
 */
export async function encryptOtpBundle(
  otpCode: string,
  clientPublicKey: Uint8Array,
  targetBundle: Pick<TargetBundle, 'targetPublic'>,
): Promise<string> {
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

/** The enclave's side: publish `targetPublic` in a bundle signed by `signer`, as Turnkey's enclave does, or unsigned, as Grid's sandbox does. */
export function makeTargetBundle(targetPublic: Uint8Array, signer?: { signingKey: CryptoKey; publicKey: Uint8Array }): Promise<string> {
  return makeEnclaveBundle(utf8(JSON.stringify({ targetPublic: bytesToHex(uncompressPublicKey(targetPublic)) })), signer);
}
