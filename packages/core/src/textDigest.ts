import { utf8 } from './bytes.ts';
import { bytesToHex } from './hex.ts';

/**
 * SHA-256 of a text's UTF-8, by WebCrypto (never a hash run in the interpreter on a hot path): the prompt queue's
 * fingerprints, the activity log's payload digests, passkey user handles, the SDK's OAuth nonce.
 */
export async function sha256OfText(text: string): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(text)));
}

/** The same, as lowercase hex. */
export async function sha256HexOfText(text: string): Promise<string> {
  return bytesToHex(await sha256OfText(text));
}
