import { p1363ToDer, uncompressPublicKey } from './p256.ts';
import { FormatError } from './errors.ts';
import { bytesToHex } from './hex.ts';

/**
 * The enclave's signed envelope, shared by OTP target bundles and wallet export
 * bundles: `{"version","data":hex,"dataSignature":hex DER,"enclaveQuorumPublic":hex}`,
 * where `dataSignature` is ECDSA-P256-SHA256 over the bytes `data` hex-decodes to.
 * Grid's sandbox sends both signature fields as empty strings.
 */
export interface EnclaveEnvelope {
  readonly version: string;
  readonly data: string;
  readonly dataSignature: string;
  readonly enclaveQuorumPublic: string;
}

export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FormatError(what, 'is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FormatError(what, 'must be a JSON object');
  return value as Record<string, unknown>;
}

export function stringField(object: Record<string, unknown>, key: string, what: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw new FormatError(what, `"${key}" must be a string`);
  return value;
}

/** The enclave's side: wraps `data`, signed by `quorum` or (sandbox) unsigned. */
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
