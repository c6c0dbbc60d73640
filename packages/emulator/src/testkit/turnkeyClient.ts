import { ApiKeyStamper } from '@turnkey/api-key-stamper';
import { decryptCredentialBundle, encryptOtpCodeToBundle, generateP256KeyPair, getPublicKey } from '@turnkey/crypto';

/**
 * The client side of the tests, built only on Turnkey's own libraries so that the
 * emulator (which uses packages/core) is checked against an independent implementation.
 */
export interface ClientKey {
  /** 32-byte scalar, hex. */
  readonly privateKey: string;
  /** Compressed SEC1 hex (02/03…, 66 digits). */
  readonly publicKey: string;
  /** Uncompressed SEC1 hex (04…, 130 digits). */
  readonly publicKeyUncompressed: string;
}

export function newClientKey(): ClientKey {
  return generateP256KeyPair();
}

/** The key a legacy `encryptedSessionSigningKey` unlocks, opened with the client key it was sealed to. */
export function openSessionKey(encryptedSessionSigningKey: string, clientKey: ClientKey): ClientKey {
  const privateKey = decryptCredentialBundle(encryptedSessionSigningKey, clientKey.privateKey);
  return keyFromPrivate(privateKey);
}

function keyFromPrivate(privateKey: string): ClientKey {
  return {
    privateKey,
    publicKey: Buffer.from(getPublicKey(privateKey, true)).toString('hex'),
    publicKeyUncompressed: Buffer.from(getPublicKey(privateKey, false)).toString('hex'),
  };
}

/** A complete `Grid-Wallet-Signature` header value over `payloadToSign`. */
export async function stamp(payloadToSign: string, key: ClientKey): Promise<string> {
  const stamper = new ApiKeyStamper({ apiPublicKey: key.publicKey, apiPrivateKey: key.privateKey });
  return (await stamper.stamp(payloadToSign)).stampHeaderValue;
}

/** `encryptedOtpBundle` for `code`, after checking the target bundle against the pinned enclave key. */
export function encryptOtp(
  code: string,
  otpEncryptionTargetBundle: string,
  boundPublicKey: string,
  enclaveQuorumPublic: string,
): Promise<string> {
  return encryptOtpCodeToBundle(code, otpEncryptionTargetBundle, boundPublicKey, enclaveQuorumPublic);
}
