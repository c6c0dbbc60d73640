import { utf8 } from './bytes.ts';

/**
 * The origins browsers write into `clientDataJSON.origin` when this extension runs a
 * WebAuthn ceremony for a site's RP ID (docs/integrator-guide.md, "Passkeys"): what a relying
 * party allow-lists. Both are derived from fixed inputs, so they are the same for every user:
 *
 * - Chrome: `chrome-extension://<id>`, the id being the first 16 bytes of the SHA-256 of the
 *   manifest `key` (DER), each 4-bit half written as a letter `a` (0) … `p` (15).
 * - Firefox (150+): `moz-extension://` and the SHA-256 of the add-on id (the gecko id), all 32
 *   bytes in the same letters, not the per-profile UUID of the extension's pages.
 */

const sha256 = async (bytes: Uint8Array<ArrayBuffer>) => new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));

/** Each byte as two letters a–p, high half first. */
const letters = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(97 + (b >> 4), 97 + (b & 0x0f))).join('');

/** The Chrome extension id a manifest `key` (base64 of the public key's DER) pins. */
export async function chromeExtensionId(manifestKey: string): Promise<string> {
  const der = Uint8Array.from(atob(manifestKey), (c) => c.charCodeAt(0));
  return letters((await sha256(der)).subarray(0, 16));
}

/** The WebAuthn origin of a Firefox add-on with this gecko id, when it claims a site's RP ID. */
export async function firefoxWebAuthnOrigin(geckoId: string): Promise<string> {
  return `moz-extension://${letters(await sha256(utf8(geckoId)))}`;
}

/**
 * The WebAuthn origin of the running extension for a site RP ID: in Chrome its own origin, in
 * Firefox the add-on id's (its pages' `moz-extension://<uuid>` differs per profile).
 */
export function webauthnOriginOf(extensionOrigin: string, runtimeId: string): Promise<string> {
  return extensionOrigin.startsWith('moz-extension:') ? firefoxWebAuthnOrigin(runtimeId) : Promise.resolve(extensionOrigin);
}
