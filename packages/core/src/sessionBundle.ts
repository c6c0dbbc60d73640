import { base58checkDecode, base58checkEncode } from './base58check.ts';
import { concatBytes } from './bytes.ts';
import { FormatError } from './errors.ts';
import { hpkeOpen, hpkeSeal } from './hpke.ts';
import { SCALAR_LENGTH } from './derSignature.ts';
import { COMPRESSED_LENGTH, compressPublicKey, uncompressPublicKey } from './p256.ts';

/**
 * Grid's legacy `encryptedSessionSigningKey`:
 * base58check( compressed enc (33 B) ‖ AES-256-GCM ciphertext ‖ tag (16 B) ),
 * whose plaintext is the 32-byte session private scalar (81 bytes decoded).
 */
const FIELD = 'encryptedSessionSigningKey';
const TAG_LENGTH = 16;
export const SESSION_BUNDLE_LENGTH = COMPRESSED_LENGTH + SCALAR_LENGTH + TAG_LENGTH;

/** Splits a bundle without decrypting it; checks the checksum, length and enc point. */
export function decodeSessionBundle(bundle: string): { enc: Uint8Array<ArrayBuffer>; ciphertext: Uint8Array<ArrayBuffer> } {
  const bytes = base58checkDecode(bundle, FIELD);
  if (bytes.length !== SESSION_BUNDLE_LENGTH) {
    throw new FormatError(FIELD, `must decode to ${SESSION_BUNDLE_LENGTH} bytes, got ${bytes.length}`);
  }
  const enc = uncompressPublicKey(bytes.subarray(0, COMPRESSED_LENGTH), FIELD);
  return { enc, ciphertext: bytes.slice(COMPRESSED_LENGTH) };
}

/**
 * Opens a session bundle with the client key it was sealed to and returns the
 * 32-byte session scalar. The caller must import it (importP256Scalar wipes it).
 */
export async function openSessionBundle(
  bundle: string,
  recipient: CryptoKeyPair,
  recipientPublicKey: Uint8Array,
): Promise<Uint8Array<ArrayBuffer>> {
  const message = decodeSessionBundle(bundle);
  const scalar = await hpkeOpen(recipient, recipientPublicKey, message, FIELD);
  if (scalar.length !== SCALAR_LENGTH) throw new FormatError(FIELD, 'does not contain a 32-byte private key');
  return scalar;
}

/** What Grid (and our emulator) does: seal a session scalar to the client's public key. */
export async function sealSessionBundle(scalar: Uint8Array, recipientPublicKey: Uint8Array): Promise<string> {
  if (scalar.length !== SCALAR_LENGTH) throw new FormatError('privateKey', 'must be a 32-byte P-256 scalar');
  const { enc, ciphertext } = await hpkeSeal(recipientPublicKey, scalar);
  return base58checkEncode(concatBytes(compressPublicKey(enc), ciphertext));
}
