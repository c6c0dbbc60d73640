import { ActivityType } from './activities.ts';
import type { EmulatorContext } from './context.ts';
import { ApiError, invalidInput, unauthorized } from './errors.ts';
import { checkFresh, parseOidcToken, providerName, sameIdentity } from './oauth.ts';
import { verifyRegistration, type Attestation } from './passkeys.ts';
import { credentialsOf, customerOf, type Account, type CredentialType, type OauthIdentity, type PasskeyMaterial } from './state.ts';
import { BASE64URL, matches, object, string, type Json } from './validate.ts';

/**
 * What adding each type of credential requires (POST /auth/credentials): its
 * type-specific fields, uniqueness rules, proof (OIDC token, WebAuthn attestation),
 * and the activity the existing session must sign. Runs on both legs of the signed
 * retry, so nothing is committed here.
 */
export interface Registration {
  readonly type: CredentialType;
  readonly nickname: string;
  readonly activityType: string;
  readonly parameters: Record<string, unknown>;
  readonly passkey?: PasskeyMaterial;
  readonly oauth?: OauthIdentity;
  /** PASSKEY: the backend-issued registration challenge, single use. */
  readonly registrationChallenge?: string;
}

function alreadyExists(code: string, message: string): ApiError {
  return new ApiError(400, code, message);
}

const TRANSPORTS = ['usb', 'nfc', 'ble', 'internal', 'hybrid'];
// Letters, digits, spaces and . _ - ' ( ), as Grid documents for passkey nicknames.
const NICKNAME = /^[\p{L}\p{N} ._'()-]{1,100}$/u;

function attestation(body: Json): Attestation {
  const value = object(body.attestation, 'attestation');
  const parent = 'attestation';
  const transports = value.transports ?? [];
  if (!Array.isArray(transports) || transports.some((t) => typeof t !== 'string' || !TRANSPORTS.includes(t))) {
    throw invalidInput('attestation.transports', `must be an array of ${TRANSPORTS.join(', ')}`);
  }
  return {
    credentialId: matches(value, 'credentialId', BASE64URL, 'base64url', parent),
    clientDataJson: matches(value, 'clientDataJson', BASE64URL, 'base64url', parent),
    attestationObject: matches(value, 'attestationObject', BASE64URL, 'base64url', parent),
    transports: transports as string[],
  };
}

async function passkey(ctx: EmulatorContext, account: Account, body: Json): Promise<Registration> {
  const nickname = string(body, 'nickname', { max: 200 }).trim();
  if (!NICKNAME.test(nickname)) throw invalidInput('nickname', "must be 1-100 letters, digits, spaces or . _ - ' ( )");
  const challenge = matches(body, 'challenge', BASE64URL, 'a base64url WebAuthn registration challenge');
  const proof = attestation(body);
  const duplicate = credentialsOf(ctx.state, account.id).some((c) => c.passkey?.credentialId === proof.credentialId);
  if (duplicate) throw alreadyExists('PASSKEY_CREDENTIAL_ALREADY_EXISTS', 'This passkey is already registered on the account');
  if (ctx.state.usedRegistrationChallenges.has(challenge)) throw unauthorized('registration challenge has already been used');
  const material = await verifyRegistration(ctx, challenge, proof);
  return {
    type: 'PASSKEY',
    nickname,
    activityType: ActivityType.CreateAuthenticators,
    parameters: {
      authenticators: [
        {
          attestation: {
            attestationObject: proof.attestationObject,
            clientDataJson: proof.clientDataJson,
            credentialId: proof.credentialId,
          },
          authenticatorName: nickname,
          challenge,
          transports: proof.transports,
        },
      ],
      userId: account.userId,
    },
    passkey: material,
    registrationChallenge: challenge,
  };
}

function oauth(ctx: EmulatorContext, account: Account, body: Json): Registration {
  const oidcToken = string(body, 'oidcToken');
  const claims = parseOidcToken(oidcToken);
  // Grid: `iat` less than 60 seconds before the request, on registration as on sign-in (checked on both legs).
  checkFresh(claims, ctx.clock.now());
  const identity: OauthIdentity = { iss: claims.iss, aud: claims.aud, sub: claims.sub };
  // The document lists no code for a duplicate OAuth identity (only EMAIL_OTP/SMS_OTP/PASSKEY ones): INVALID_INPUT.
  if (credentialsOf(ctx.state, account.id).some((c) => c.oauth && sameIdentity(c.oauth, identity))) {
    throw invalidInput('oidcToken', 'this OAuth identity (iss, aud, sub) is already registered on the account');
  }
  return {
    type: 'OAUTH',
    nickname: claims.email ?? claims.sub,
    activityType: ActivityType.CreateOauthProviders,
    parameters: { oauthProviders: [{ oidcToken, providerName: providerName(claims.iss) }], userId: account.userId },
    oauth: identity,
  };
}

function otp(ctx: EmulatorContext, account: Account, type: 'EMAIL_OTP' | 'SMS_OTP'): Registration {
  if (credentialsOf(ctx.state, account.id).some((c) => c.type === type)) {
    throw alreadyExists(`${type}_CREDENTIAL_ALREADY_EXISTS`, `The account already has an ${type} credential`);
  }
  const customer = customerOf(ctx.state, account);
  if (type === 'EMAIL_OTP') {
    return {
      type,
      nickname: customer.email,
      activityType: ActivityType.UpdateUserEmail,
      parameters: { userEmail: customer.email, userId: account.userId },
    };
  }
  if (customer.phoneNumber === undefined) throw invalidInput('accountId', 'the customer has no phone number on file for SMS_OTP');
  return {
    type,
    nickname: customer.phoneNumber,
    activityType: ActivityType.UpdateUserPhoneNumber,
    parameters: { userId: account.userId, userPhoneNumber: customer.phoneNumber },
  };
}

export async function planRegistration(ctx: EmulatorContext, account: Account, type: CredentialType, body: Json): Promise<Registration> {
  switch (type) {
    case 'PASSKEY':
      return passkey(ctx, account, body);
    case 'OAUTH':
      return oauth(ctx, account, body);
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return otp(ctx, account, type);
  }
}
