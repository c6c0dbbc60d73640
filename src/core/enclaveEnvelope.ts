import { bytesToHex } from './hex.ts';
import { p1363ToDer, uncompressPublicKey } from './p256.ts';

/**
 * The enclave's side of the signed envelope that OTP target bundles and wallet
 * export bundles share: `{"version","data":hex,"dataSignature":hex DER,"enclaveQuorumPublic":hex}`,
 * `dataSignature` being ECDSA-P256-SHA256 over the bytes `data` hex-decodes to.
 * Wraps `data`, signed by `quorum`, or unsigned (both fields empty) as Grid's sandbox sends it.
 */
export async function makeEnclaveEnvelope(data: Uint8Array, quorum?: { signingKey: CryptoKey; publicKey: Uint8Array }): Promise<string> {
  let dataSignature = '';
  let enclaveQuorumPublic = '';
  if (quorum) {
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, quorum.signingKey, data as Uint8Array<ArrayBuffer>));
    dataSignature = bytesToHex(p1363ToDer(raw));
    enclaveQuorumPublic = bytesToHex(uncompressPublicKey(quorum.publicKey));
  }
  return JSON.stringify({ version: 'v1.0.0', data: bytesToHex(data), dataSignature, enclaveQuorumPublic });
}
