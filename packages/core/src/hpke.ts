import { Aes256Gcm, CipherSuite, DhkemP256HkdfSha256, HkdfSha256 } from '@hpke/core';
import { concatBytes, utf8 } from './bytes.ts';
import { FormatError } from './errors.ts';
import { UNCOMPRESSED_LENGTH, uncompressPublicKey } from './p256.ts';

/**
 * HPKE as Turnkey (and so Grid) uses it: RFC 9180 base mode,
 * DHKEM(P-256, HKDF-SHA256) / HKDF-SHA256 / AES-256-GCM, single shot,
 * `info` = "turnkey_hpke", and a non-standard AAD of enc ‖ pkR, both uncompressed.
 */
export const HPKE_INFO = utf8('turnkey_hpke');

let suite: CipherSuite | undefined;

/** Built on first use, not when the module loads: a worker woken for a stamp never needs it. */
function cipherSuite(): CipherSuite {
  suite ??= new CipherSuite({ kem: new DhkemP256HkdfSha256(), kdf: new HkdfSha256(), aead: new Aes256Gcm() });
  return suite;
}

export interface HpkeCiphertext {
  /** The sender's ephemeral public key, uncompressed (65 bytes). */
  readonly enc: Uint8Array<ArrayBuffer>;
  /** AES-256-GCM ciphertext ‖ 16-byte tag. */
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

function associatedData(enc: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array<ArrayBuffer> {
  return concatBytes(enc, recipientPublicKey);
}

/** Seals `plaintext` to a P-256 public key given in either SEC1 form. */
export async function hpkeSeal(recipientPublicKey: Uint8Array, plaintext: Uint8Array): Promise<HpkeCiphertext> {
  const pkR = uncompressPublicKey(recipientPublicKey, 'recipientPublicKey');
  const recipient = await cipherSuite().kem.importKey('raw', pkR.slice().buffer, true);
  const sender = await cipherSuite().createSenderContext({ recipientPublicKey: recipient, info: HPKE_INFO });
  const enc = new Uint8Array(sender.enc);
  const ciphertext = new Uint8Array(await sender.seal(plaintext as Uint8Array<ArrayBuffer>, associatedData(enc, pkR)));
  return { enc, ciphertext };
}

/**
 * Opens a single-shot HPKE message. `recipient` must be the whole key pair:
 * @hpke/core given only a non-extractable private key rebuilds pkR wrongly for
 * odd-y keys, so the public half must come from us, not be reconstructed.
 * Any failure (wrong key, tampering) is reported as one FormatError, with no detail
 * that could help an attacker tell the cases apart.
 */
export async function hpkeOpen(
  recipient: CryptoKeyPair,
  recipientPublicKey: Uint8Array,
  message: HpkeCiphertext,
  what = 'ciphertext',
): Promise<Uint8Array<ArrayBuffer>> {
  const pkR = uncompressPublicKey(recipientPublicKey, 'recipientPublicKey');
  if (message.enc.length !== UNCOMPRESSED_LENGTH) throw new FormatError(what, 'encapsulated key must be 65 bytes');
  try {
    const context = await cipherSuite().createRecipientContext({ recipientKey: recipient, enc: message.enc, info: HPKE_INFO });
    return new Uint8Array(await context.open(message.ciphertext, associatedData(message.enc, pkR)));
  } catch {
    throw new FormatError(what, 'did not open with this key (wrong key or tampered)', 'did-not-open');
  }
}
