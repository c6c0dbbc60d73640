import { createHash } from 'node:crypto';
import { bytesToHex } from '@grid-wallet/core';
import { activity, ActivityType } from '../activities.ts';
import { canonicalJson } from '../canonicalJson.ts';
import { rfc3339, secondsFromNow } from '../clock.ts';
import type { EmulatorContext } from '../context.ts';
import { invalidInput } from '../errors.ts';
import { newId } from '../ids.ts';
import { issueOtp } from '../otp.ts';
import { PASSKEY_SIGN_IN, type PasskeyChallenge } from '../passkeys.ts';
import { PENDING_TTL_SECONDS } from '../pendingRequests.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import type { Credential } from '../state.ts';
import { clientPublicKey, object, optionalObject } from '../validate.ts';
import { authMethodView } from '../views.ts';
import { findCredential } from './credentials.ts';
import { GRID } from './prefix.ts';

/**
 * POST /auth/credentials/{id}/challenge: a new OTP (code to the outbox, fresh
 * signed target bundle) or a passkey sign-in challenge bound to the client key
 * that will become (or receive) the session key.
 */

function passkeyChallenge(ctx: EmulatorContext, credential: Credential, key: Uint8Array): ApiResponse {
  const account = ctx.state.accounts.get(credential.accountId)!;
  const requestId = newId('Request');
  const expiresAt = secondsFromNow(ctx.clock, PENDING_TTL_SECONDS);
  // Grid's canonical session-creation request; the passkey signs (the hash of) exactly this.
  const sessionRequest = activity(
    account,
    ActivityType.CreateReadWriteSession,
    {
      apiKeyName: `passkey ${credential.passkey!.credentialId}`,
      expirationSeconds: String(ctx.options.sessionTtlSeconds),
      expiresAt: rfc3339(expiresAt),
      requestId,
      targetPublicKey: bytesToHex(key),
      userId: account.userId,
    },
    ctx.clock.now(),
  );
  const challenge = createHash('sha256').update(sessionRequest, 'utf8').digest('hex');
  ctx.pending.create<PasskeyChallenge>({
    requestId,
    operation: PASSKEY_SIGN_IN,
    resourceId: credential.id,
    body: canonicalJson({ clientPublicKey: bytesToHex(key) }),
    payloadToSign: sessionRequest,
    expiresAt,
    data: { clientPublicKey: key, challenge },
  });
  return { status: 200, body: { ...authMethodView(credential), challenge, requestId, expiresAt: rfc3339(expiresAt) } };
}

/** Called after validation, so a malformed request does not use up the allowance. */
function countChallenge(ctx: EmulatorContext, credential: Credential): void {
  ctx.limits.challenges.check(credential.id, 'challenges');
  ctx.limits.challenges.record(credential.id);
}

async function challengeCredential(req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  const credential = findCredential(ctx, req.params.id!);
  if (credential.type === 'OAUTH') throw invalidInput('type', 'OAUTH credentials have no challenge; call /verify with a fresh oidcToken');
  if (credential.type === 'PASSKEY') {
    const key = clientPublicKey(object(req.body));
    countChallenge(ctx, credential);
    return passkeyChallenge(ctx, credential, key);
  }
  optionalObject(req.body);
  countChallenge(ctx, credential);
  const otpEncryptionTargetBundle = await issueOtp(ctx, credential);
  return { status: 200, body: { ...authMethodView(credential), otpEncryptionTargetBundle } };
}

export const credentialChallengeRoutes = [route('POST', `${GRID}/auth/credentials/:id/challenge`, 'grid', challengeCredential)];
