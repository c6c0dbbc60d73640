import { wipe } from './bytes.ts';
import { FormatError } from './errors.ts';
import { SCALAR_LENGTH } from './derSignature.ts';
import { publicKeyFromScalar, randomScalar } from './p256.ts';

/**
 * Turns a raw P-256 scalar into non-extractable WebCrypto keys and forgets it.
 *
 * One scalar is imported twice: as ECDSA (to stamp) and as ECDH (to open HPKE
 * bundles sealed to its public key). Both are `extractable: false`, so the key
 * bytes can never be read back out of the browser's crypto layer, only used.
 */
export interface P256KeyHandles {
  /** ECDSA private key, usage `sign`. */
  readonly signingKey: CryptoKey;
  /** ECDH key pair (private `deriveBits`), in the shape @hpke/core needs as `recipientKey`. */
  readonly agreementKey: CryptoKeyPair;
  /** Uncompressed SEC1 public key, 65 bytes. */
  readonly publicKey: Uint8Array<ArrayBuffer>;
}

// PKCS#8 PrivateKeyInfo for id-ecPublicKey/prime256v1 wrapping an ECPrivateKey
// with the optional public key, i.e. exactly what WebCrypto's exportKey('pkcs8')
// produces. Firefox rejects the variant without the public key.
const PKCS8_PREFIX = [
  0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce,
  0x3d, 0x03, 0x01, 0x07, 0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01, 0x04, 0x20,
];
const PKCS8_PUBLIC_KEY_TAG = [0xa1, 0x44, 0x03, 0x42, 0x00];

function pkcs8(scalar: Uint8Array, publicKey: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(PKCS8_PREFIX.length + SCALAR_LENGTH + PKCS8_PUBLIC_KEY_TAG.length + publicKey.length);
  out.set(PKCS8_PREFIX, 0);
  out.set(scalar, PKCS8_PREFIX.length);
  out.set(PKCS8_PUBLIC_KEY_TAG, PKCS8_PREFIX.length + SCALAR_LENGTH);
  out.set(publicKey, PKCS8_PREFIX.length + SCALAR_LENGTH + PKCS8_PUBLIC_KEY_TAG.length);
  return out;
}

const ECDSA = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/**
 * Imports `scalar` as non-extractable keys, then overwrites the caller's buffer:
 * after this call the only copies of the secret live inside WebCrypto.
 */
export async function importP256Scalar(scalar: Uint8Array): Promise<P256KeyHandles> {
  try {
    if (scalar.length !== SCALAR_LENGTH) throw new FormatError('privateKey', 'must be a 32-byte P-256 scalar');
    const publicKey = publicKeyFromScalar(scalar, false);
    const der = pkcs8(scalar, publicKey);
    try {
      const [signingKey, agreementPrivate, agreementPublic] = await Promise.all([
        crypto.subtle.importKey('pkcs8', der, ECDSA, false, ['sign']),
        crypto.subtle.importKey('pkcs8', der, ECDH, false, ['deriveBits']),
        crypto.subtle.importKey('raw', publicKey, ECDH, true, []),
      ]);
      return { signingKey, agreementKey: { privateKey: agreementPrivate, publicKey: agreementPublic }, publicKey };
    } finally {
      wipe(der);
    }
  } finally {
    wipe(scalar);
  }
}

/** A fresh key pair whose private half never leaves WebCrypto. */
export function generateP256Key(): Promise<P256KeyHandles> {
  return importP256Scalar(randomScalar());
}
