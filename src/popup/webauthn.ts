import { base64urlToBytes, bytesToBase64url } from '@grid-wallet/core/base64url';
import { utf8 } from '@grid-wallet/core/bytes';
import type { AuthenticatorTransport, PasskeyAssertionResult, PasskeyRegistrationResult } from '@grid-wallet/protocol';
import type { ApprovalView } from '../extension-protocol/internal.ts';
import { passkeyRpId } from './passkeyRpId.ts';

/**
 * WebAuthn for the passkey prompts (docs/architecture.md §6), as pure functions: the options
 * built from an approval, and the browser's result turned into Grid's field
 * names (base64url, `clientDataJson`). The ceremony itself runs in the approval
 * window, an extension page, which claims the site's RP ID (`ceremonyRpId`) through the
 * extension's host permissions; a passkey made before site RP IDs keeps the browser's
 * default, the extension's origin. What also binds a passkey to its site is the user handle the
 * background chose (`view.userHandle`), so passkeys are discoverable: only those are
 * sure to return their user handle with every assertion.
 */

type CreateView = ApprovalView<'passkey-create'>;
type GetView = ApprovalView<'passkey-get'>;

/** A WebAuthn call with no reachable authenticator can hang; never wait longer than this. */
export const CEREMONY_TIMEOUT_MS = 120_000;
/** ES256 (ECDSA P-256 with SHA-256), the only algorithm Grid accepts. */
const ES256 = -7;

const descriptor = (credentialId: string): PublicKeyCredentialDescriptor => ({ type: 'public-key', id: base64urlToBytes(credentialId) });

/**
 * The RP ID a ceremony claims: the one this browser recorded for the passkey, none (the
 * browser's default) for one made under the extension's own origin, else the site's
 * registrable domain. A site without one fails like any refused ceremony.
 */
export async function ceremonyRpId(view: CreateView): Promise<string>;
export async function ceremonyRpId(view: GetView): Promise<string | undefined>;
export async function ceremonyRpId(view: CreateView | GetView): Promise<string | undefined> {
  if (view.kind === 'passkey-get' && (view.extensionRpId || view.rpId !== undefined)) return view.rpId;
  const rpId = await passkeyRpId(view.origin);
  if (rpId === undefined) throw new DOMException(`${view.origin} has no registrable domain`, 'SecurityError');
  return rpId;
}

/** `excludeCredentialIds`: passkeys this browser already made for the account, so the same authenticator is not enrolled twice. */
export function creationOptions(
  view: CreateView,
  rpId: string,
  excludeCredentialIds: readonly string[],
  defaultRpName: string,
): PublicKeyCredentialCreationOptions {
  const { params } = view;
  return {
    challenge: base64urlToBytes(params.challenge),
    rp: { id: rpId, name: params.rp?.name ?? defaultRpName },
    user: { id: base64urlToBytes(view.userHandle), name: params.user.name, displayName: params.user.displayName },
    pubKeyCredParams: [{ type: 'public-key', alg: ES256 }],
    authenticatorSelection: { userVerification: 'required', residentKey: 'required', requireResidentKey: true },
    excludeCredentials: excludeCredentialIds.map(descriptor),
    attestation: 'none',
    timeout: CEREMONY_TIMEOUT_MS,
  };
}

/** Grid's assertion challenge is a hex string whose UTF-8 bytes are the WebAuthn challenge. */
export function requestOptions(view: GetView, rpId: string | undefined): PublicKeyCredentialRequestOptions {
  return {
    challenge: utf8(view.params.challenge),
    ...(rpId !== undefined && { rpId }),
    allowCredentials: [descriptor(view.params.credentialId)],
    userVerification: 'required',
    timeout: CEREMONY_TIMEOUT_MS,
  };
}

const b64 = (buffer: ArrayBuffer) => bytesToBase64url(new Uint8Array(buffer));

/** The fields both results share. */
const common = (credential: PublicKeyCredential) => ({
  credentialId: b64(credential.rawId),
  clientDataJson: b64(credential.response.clientDataJSON),
});

export function serializeRegistration(credential: PublicKeyCredential): PasskeyRegistrationResult['attestation'] {
  const response = credential.response as AuthenticatorAttestationResponse;
  return {
    ...common(credential),
    attestationObject: b64(response.attestationObject),
    transports: (response.getTransports?.() ?? []) as AuthenticatorTransport[],
  };
}

export function serializeAssertion(credential: PublicKeyCredential): PasskeyAssertionResult['assertion'] {
  const response = credential.response as AuthenticatorAssertionResponse;
  return {
    ...common(credential),
    authenticatorData: b64(response.authenticatorData),
    signature: b64(response.signature),
    ...(response.userHandle && response.userHandle.byteLength > 0 && { userHandle: b64(response.userHandle) }),
  };
}
