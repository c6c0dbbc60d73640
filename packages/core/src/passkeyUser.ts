import { bytesEqual, concatBytes } from './bytes.ts';
import { sha256OfText } from './textDigest.ts';

/**
 * The WebAuthn user handle the extension gives every passkey, which binds it to the
 * site that made it. All our passkeys share one RP ID (the extension's origin,
 * docs/architecture.md §6), so the authenticator cannot tell sites apart; the user handle it stores
 * and returns with each assertion can. The handle is
 *
 *   SHA-256("grid-wallet passkey site\0" ‖ origin) ‖ SHA-256("grid-wallet passkey account\0" ‖ origin ‖ "\0" ‖ accountId)
 *
 * 64 bytes, WebAuthn's maximum. The first half names the site and is what an
 * assertion is checked against (a synced passkey carries no other record of its
 * site); the second half keeps each account's handle distinct, since an
 * authenticator replaces a discoverable credential that has the same RP ID and user
 * handle. Neither half reveals the origin or account to anyone who does not know them.
 */

const SITE_LABEL = 'grid-wallet passkey site\0';
const ACCOUNT_LABEL = 'grid-wallet passkey account\0';
const HALF = 32;

/** The user handle for a passkey `origin` registers for `accountId`. */
export async function passkeyUserHandle(origin: string, accountId: string): Promise<Uint8Array<ArrayBuffer>> {
  return concatBytes(await sha256OfText(SITE_LABEL + origin), await sha256OfText(`${ACCOUNT_LABEL}${origin}\0${accountId}`));
}

/** True when an assertion's user handle is one the extension made for `origin`. A missing handle is nobody's. */
export async function isPasskeyUserHandleOf(userHandle: Uint8Array | undefined, origin: string): Promise<boolean> {
  if (userHandle === undefined || userHandle.length !== 2 * HALF) return false;
  return bytesEqual(userHandle.subarray(0, HALF), await sha256OfText(SITE_LABEL + origin));
}
