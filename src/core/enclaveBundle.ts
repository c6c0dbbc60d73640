import { fromUtf8 } from './bytes.ts';
import { type EnclavePurpose, type EnclaveSigner, type EnclaveTrust, verifyEnclaveSignature } from './enclaveSigners.ts';
import { FormatError } from './errors.ts';
import { hexToBytes } from './hex.ts';
import { parseJsonObject, stringField } from './jsonObject.ts';
import { publicKeyFromHex } from './p256.ts';

/**
 * Turnkey's signed enclave envelope, the outer shape of Grid's OTP target bundles
 * and export bundles:
 *   {"version","data":hex(JSON),"dataSignature":hex DER,"enclaveQuorumPublic":hex}
 * It opens only when `enclaveQuorumPublic` is pinned for the purpose and
 * `dataSignature` verifies (enclaveSigners.ts). An unsigned bundle (Grid's sandbox
 * leaves both fields empty) proves nothing about who made it and is refused.
 */
export interface EnclaveBundle {
  readonly version: string;
  /** The signed `data`, parsed. */
  readonly data: Record<string, unknown>;
  readonly signer: EnclaveSigner;
}

/** Reads and verifies an enclave bundle; every failure is a FormatError naming `what` (or one of its fields). */
export function readEnclaveBundle(text: string, what: string, purpose: EnclavePurpose, trust: EnclaveTrust): EnclaveBundle {
  if (typeof text !== 'string') throw new FormatError(what, 'must be a string');
  const outer = parseJsonObject(text, what);
  const version = stringField(outer, 'version', what);
  const data = hexToBytes(stringField(outer, 'data', what), `${what}.data`);
  const signatureHex = typeof outer.dataSignature === 'string' ? outer.dataSignature : '';
  const signerHex = typeof outer.enclaveQuorumPublic === 'string' ? outer.enclaveQuorumPublic : '';
  if (signatureHex === '' && signerHex === '') throw new FormatError(what, 'is not signed (dataSignature and enclaveQuorumPublic are empty or missing)');
  if (signatureHex === '' || signerHex === '') throw new FormatError(what, 'has only one of dataSignature and enclaveQuorumPublic');
  const signerKey = publicKeyFromHex(signerHex, `${what}.enclaveQuorumPublic`);
  const signature = hexToBytes(signatureHex, `${what}.dataSignature`);
  const signer = verifyEnclaveSignature(purpose, data, signature, signerKey, trust, what);

  let dataText: string;
  try {
    dataText = fromUtf8(data);
  } catch {
    throw new FormatError(`${what}.data`, 'is not UTF-8 JSON');
  }
  return { version, data: parseJsonObject(dataText, `${what}.data`), signer };
}
