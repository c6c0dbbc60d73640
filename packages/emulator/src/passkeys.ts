import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { decodeClientDataJSON } from '@simplewebauthn/server/helpers';
import { bytesToBase64url, utf8 } from '@grid-wallet/core';
import type { EmulatorContext } from './context.ts';
import { invalidInput, unauthorized } from './errors.ts';
import type { PasskeyMaterial } from './state.ts';

/**
 * WebAuthn checks for PASSKEY credentials, done by @simplewebauthn/server.
 * What the emulator adds is the relying-party policy: which origins it accepts and
 * which RP IDs. The extension claims the project's RP ID (`passkeyRpId`, the site's
 * domain) and the browser writes the extension's origin into clientDataJSON; a passkey
 * a Chromium extension made under its own origin has that whole origin
 * (`chrome-extension://<id>`) as RP ID, so its authenticatorData starts with the
 * SHA-256 of that string.
 */
export const SANDBOX_PASSKEY_SIGNATURE = 'sandbox-valid-passkey-signature';
const ES256 = -7;

/** The pending-request operation of a passkey sign-in (/challenge → /verify). */
export const PASSKEY_SIGN_IN = 'passkey.verify';

/** What `/verify` needs from a passkey challenge, kept in the pending request. */
export interface PasskeyChallenge {
  readonly clientPublicKey: Uint8Array;
  /** Lowercase hex SHA-256 of the session-creation request; the WebAuthn challenge is its UTF-8. */
  readonly challenge: string;
}

export interface Attestation {
  readonly credentialId: string;
  readonly clientDataJson: string;
  readonly attestationObject: string;
  readonly transports: string[];
}

export interface Assertion {
  readonly credentialId: string;
  readonly clientDataJson: string;
  readonly authenticatorData: string;
  readonly signature: string;
  readonly userHandle?: string;
}

/** Exact match, or an `…:*` entry that accepts its scheme and host on any port. */
export function originAllowed(allowed: readonly string[], origin: string): boolean {
  return allowed.some((entry) => {
    if (!entry.endsWith(':*')) return entry === origin;
    const base = entry.slice(0, -2);
    return origin === base || new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`).test(origin);
  });
}

/** The RP IDs a ceremony from `origin` may use: the project's, and an extension's own origin for its older passkeys. */
export function rpIdsFor(origin: string, passkeyRpId: string): string[] {
  return origin.startsWith('chrome-extension://') ? [passkeyRpId, origin] : [passkeyRpId];
}

/** The origin the browser wrote into clientDataJSON, if we accept it, with the RP IDs it may use. */
function relyingParty(ctx: EmulatorContext, clientDataJson: string, field: string): { origin: string; rpId: string[] } {
  let origin: unknown;
  try {
    origin = decodeClientDataJSON(clientDataJson).origin;
  } catch {
    throw invalidInput(field, 'must be base64url-encoded clientDataJSON');
  }
  if (typeof origin !== 'string' || !originAllowed(ctx.options.webauthnOrigins, origin)) {
    throw unauthorized(`WebAuthn origin ${JSON.stringify(origin)} is not accepted by this emulator`);
  }
  return { origin, rpId: rpIdsFor(origin, ctx.options.passkeyRpId) };
}

function rejected(error: unknown): never {
  throw unauthorized(`WebAuthn verification failed: ${error instanceof Error ? error.message : 'unknown error'}`);
}

/** Verifies a registration (ES256, user verification required) against the backend-issued challenge. */
export async function verifyRegistration(ctx: EmulatorContext, challenge: string, attestation: Attestation): Promise<PasskeyMaterial> {
  const { origin, rpId } = relyingParty(ctx, attestation.clientDataJson, 'attestation.clientDataJson');
  const result = await verifyRegistrationResponse({
    response: {
      id: attestation.credentialId,
      rawId: attestation.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: attestation.clientDataJson,
        attestationObject: attestation.attestationObject,
        transports: attestation.transports as AuthenticatorTransport[],
      },
      clientExtensionResults: {},
    },
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpId,
    requireUserVerification: true,
    supportedAlgorithmIDs: [ES256],
  }).catch(rejected);
  if (!result.verified) rejected(new Error('attestation did not verify'));
  const { credential } = result.registrationInfo;
  if (credential.id !== attestation.credentialId) {
    throw unauthorized('attestation.credentialId differs from the credential in attestationObject');
  }
  return { credentialId: credential.id, publicKey: credential.publicKey, counter: credential.counter, transports: attestation.transports };
}

/**
 * Verifies a sign-in assertion over Grid's hex challenge (the WebAuthn challenge
 * bytes are the UTF-8 of the hex string) and advances the stored signCount.
 * In sandbox mode the literal signature `sandbox-valid-passkey-signature` skips WebAuthn.
 */
export async function verifyAssertion(
  ctx: EmulatorContext,
  passkey: PasskeyMaterial,
  assertion: Assertion,
  challengeHex: string,
): Promise<void> {
  if (assertion.credentialId !== passkey.credentialId) throw unauthorized('assertion.credentialId is not this credential');
  if (ctx.options.otpMode === 'sandbox' && assertion.signature === SANDBOX_PASSKEY_SIGNATURE) return;
  const { origin, rpId } = relyingParty(ctx, assertion.clientDataJson, 'assertion.clientDataJson');
  const result = await verifyAuthenticationResponse({
    response: {
      id: assertion.credentialId,
      rawId: assertion.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: assertion.clientDataJson,
        authenticatorData: assertion.authenticatorData,
        signature: assertion.signature,
        ...(assertion.userHandle !== undefined && { userHandle: assertion.userHandle }),
      },
      clientExtensionResults: {},
    },
    expectedChallenge: bytesToBase64url(utf8(challengeHex)),
    expectedOrigin: origin,
    expectedRPID: rpId,
    credential: { id: passkey.credentialId, publicKey: passkey.publicKey as Uint8Array<ArrayBuffer>, counter: passkey.counter },
    requireUserVerification: true,
  }).catch(rejected);
  if (!result.verified) rejected(new Error('assertion signature does not verify'));
  passkey.counter = result.authenticationInfo.newCounter;
}
