import { bytesToHex, compressPublicKey } from '@grid-wallet/core';
import type { EmulatorContext } from '../context.ts';
import { verificationTokenClaims } from '../enclave.ts';
import { ApiError, invalidInput, unauthorized } from '../errors.ts';
import { checkFresh, nonceFor, parseOidcToken, sameIdentity } from '../oauth.ts';
import { consumeOtpBundle, consumeOtpCode } from '../otp.ts';
import { consume, PENDING_TTL_SECONDS } from '../pendingRequests.ts';
import { PASSKEY_SIGN_IN, verifyAssertion, type Assertion, type PasskeyChallenge } from '../passkeys.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { clientHeldSession, issueSession, type IssuedSession } from '../sessions.ts';
import { isSignedRetry, signedRequestChallenge, REQUEST_ID_HEADER, signerIsBoundKey, verifySignedRetry } from '../signedRetry.ts';
import type { Credential } from '../state.ts';
import { BASE64URL, clientPublicKey, matches, object, string, type Json } from '../validate.ts';
import { authSessionView } from '../views.ts';
import { findCredential } from './credentials.ts';
import { GRID } from './prefix.ts';

/**
 * POST /auth/credentials/{id}/verify: turns proof of a credential into a session.
 *  - EMAIL_OTP / SMS_OTP, seed flow (removed from Grid on 2026-06-04; only with the
 *    legacyPlaintextOtp option): {otp, clientPublicKey} → 200 session.
 *  - EMAIL_OTP / SMS_OTP, current flow: {encryptedOtpBundle} → 202 with a
 *    verification token to stamp with the key bound in the bundle → same body,
 *    stamped → 200 session whose key is the client's.
 *  - PASSKEY: {assertion} + Request-Id from /challenge → 200 session.
 *  - OAUTH: {oidcToken, clientPublicKey} → 200 session.
 * Every 401 counts towards the credential's failed-verification limit.
 */

function sessionResponse(credential: Credential, issued: IssuedSession): ApiResponse {
  return { status: 200, body: authSessionView(issued.session, credential, issued.encryptedSessionSigningKey) };
}

async function verifyOtp(req: ApiRequest, ctx: EmulatorContext, credential: Credential, body: Json): Promise<ApiResponse> {
  const op = { operation: 'credential.verify', resourceId: credential.id, body };
  if (isSignedRetry(req)) {
    const pending = verifySignedRetry(ctx, req, op, signerIsBoundKey);
    return sessionResponse(credential, clientHeldSession(ctx, credential, pending.data.boundPublicKey));
  }
  if (body.otp !== undefined) {
    if (!ctx.options.legacyPlaintextOtp) {
      throw invalidInput(
        'otp',
        'the plaintext-OTP flow was removed from Grid; send encryptedOtpBundle (start the emulator with legacyPlaintextOtp for the seed flow)',
      );
    }
    if (body.encryptedOtpBundle !== undefined)
      throw invalidInput('otp', 'send either encryptedOtpBundle or otp with clientPublicKey, not both');
    const code = string(body, 'otp', { max: 12 });
    const key = clientPublicKey(body);
    consumeOtpCode(ctx, credential, code);
    return sessionResponse(credential, await issueSession(ctx, credential, key));
  }
  const boundPublicKey = await consumeOtpBundle(ctx, credential, string(body, 'encryptedOtpBundle'));
  const account = ctx.state.accounts.get(credential.accountId)!;
  const now = ctx.clock.now();
  const token = await ctx.enclave.signJwt(
    verificationTokenClaims({
      credentialId: credential.id,
      contact: credential.nickname,
      channel: credential.type === 'SMS_OTP' ? 'SMS' : 'EMAIL',
      organizationId: account.organizationId,
      publicKey: bytesToHex(compressPublicKey(boundPublicKey)),
      issuedAt: now,
      expiresAt: now + PENDING_TTL_SECONDS * 1000,
    }),
  );
  return signedRequestChallenge(ctx, { ...op, type: credential.type, payloadToSign: token, data: { boundPublicKey } });
}

function assertion(body: Json): Assertion {
  const value = object(body.assertion, 'assertion');
  const parent = 'assertion';
  // The schema says omit userHandle when absent; Grid's web sample sends null. Accept both.
  const userHandle = value.userHandle == null ? undefined : matches(value, 'userHandle', BASE64URL, 'base64url', parent);
  return {
    credentialId: matches(value, 'credentialId', BASE64URL, 'base64url', parent),
    clientDataJson: matches(value, 'clientDataJson', BASE64URL, 'base64url', parent),
    authenticatorData: matches(value, 'authenticatorData', BASE64URL, 'base64url', parent),
    signature: matches(value, 'signature', BASE64URL, 'base64url', parent),
    ...(userHandle !== undefined && { userHandle }),
  };
}

async function verifyPasskey(req: ApiRequest, ctx: EmulatorContext, credential: Credential, body: Json): Promise<ApiResponse> {
  const proof = assertion(body);
  const requestId = req.header(REQUEST_ID_HEADER);
  if (requestId === undefined) throw new ApiError(401, 'REQUEST_ID_MISSING', `${REQUEST_ID_HEADER} from /challenge is required`);
  const pending = ctx.pending.find<PasskeyChallenge>(requestId, PASSKEY_SIGN_IN, credential.id);
  await verifyAssertion(ctx, credential.passkey!, proof, pending.data.challenge);
  consume(pending);
  return sessionResponse(credential, await issueSession(ctx, credential, pending.data.clientPublicKey));
}

async function verifyOauth(ctx: EmulatorContext, credential: Credential, body: Json): Promise<ApiResponse> {
  const claims = parseOidcToken(string(body, 'oidcToken'));
  const key = clientPublicKey(body);
  checkFresh(claims, ctx.clock.now());
  if (claims.nonce !== nonceFor(body.clientPublicKey as string)) {
    throw unauthorized('oidcToken nonce must be the lowercase hex SHA-256 of clientPublicKey');
  }
  if (!sameIdentity(claims, credential.oauth!)) throw unauthorized('oidcToken identity (iss, aud, sub) does not match this credential');
  return sessionResponse(credential, await issueSession(ctx, credential, key));
}

async function verifyCredential(req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  const credential = findCredential(ctx, req.params.id!);
  const body = object(req.body);
  if (string(body, 'type') !== credential.type) throw invalidInput('type', `must be ${credential.type} for this credential`);
  const failures = ctx.limits.failedVerifications;
  failures.check(credential.id, 'failed verification attempts');
  try {
    const response =
      credential.type === 'PASSKEY'
        ? await verifyPasskey(req, ctx, credential, body)
        : credential.type === 'OAUTH'
          ? await verifyOauth(ctx, credential, body)
          : await verifyOtp(req, ctx, credential, body);
    failures.reset(credential.id);
    return response;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) failures.record(credential.id);
    throw error;
  }
}

export const credentialVerifyRoutes = [route('POST', `${GRID}/auth/credentials/:id/verify`, 'grid', verifyCredential)];
