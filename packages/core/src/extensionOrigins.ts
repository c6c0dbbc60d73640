import { sha256 } from '@noble/hashes/sha2.js';
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

/**
 * Firefox add-on ids (the manifest's `browser_specific_settings.gecko.id`, set by vite.config.ts).
 * Store builds carry the store add-on's id; development builds (`npm run build`, which the tests
 * and the Playwright kit load) carry their own, so a test build installed beside the store add-on
 * never poses as it, nor replaces it. Each id has its own WebAuthn origin.
 */
export const STORE_GECKO_ID = 'authenticator@grid-wallet.dev';
export const DEVELOPMENT_GECKO_ID = 'authenticator-development@grid-wallet.dev';
export const geckoId = (storeBuild: boolean): string => (storeBuild ? STORE_GECKO_ID : DEVELOPMENT_GECKO_ID);

/** Each byte as two letters a–p, high half first. */
const letters = (bytes: Uint8Array) => Array.from(bytes, (b) => String.fromCharCode(97 + (b >> 4), 97 + (b & 0x0f))).join('');

/** The Chrome extension id a manifest `key` (base64 of the public key's DER) pins. */
export function chromeExtensionId(manifestKey: string): string {
  return letters(sha256(Uint8Array.from(atob(manifestKey), (c) => c.charCodeAt(0))).subarray(0, 16));
}

/** The WebAuthn origin of a Firefox add-on with this gecko id, when it claims a site's RP ID. */
export function firefoxWebAuthnOrigin(geckoId: string): string {
  return `moz-extension://${letters(sha256(utf8(geckoId)))}`;
}

/**
 * The WebAuthn origin of the running extension for a site RP ID: in Chrome its own origin, in
 * Firefox the add-on id's (its pages' `moz-extension://<uuid>` differs per profile).
 */
export function webauthnOriginOf(extensionOrigin: string, runtimeId: string): string {
  return extensionOrigin.startsWith('moz-extension:') ? firefoxWebAuthnOrigin(runtimeId) : extensionOrigin;
}
