import { activity, ActivityType } from '../activities.ts';
import type { EmulatorContext } from '../context.ts';
import { planRegistration, type Registration } from '../credentialRegistration.ts';
import { ApiError, notFound, unauthorized } from '../errors.ts';
import { newId } from '../ids.ts';
import { issueOtp } from '../otp.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { isSignedRetry, signedRequestChallenge, sessionOfAccount, sessionOfOtherCredential, verifySignedRetry } from '../signedRetry.ts';
import { CREDENTIAL_TYPES, credentialsOf, type Account, type Credential } from '../state.ts';
import { accountIdQuery, id, object, oneOf } from '../validate.ts';
import { authMethodView } from '../views.ts';
import { GRID } from './prefix.ts';

/** POST /auth/credentials (add), GET /auth/credentials (list), DELETE /auth/credentials/{id} (revoke). */

export function findCredential(ctx: EmulatorContext, credentialId: string): Credential {
  const credential = ctx.state.credentials.get(credentialId);
  if (!credential) throw notFound('Credential');
  return credential;
}

async function commit(ctx: EmulatorContext, account: Account, registration: Registration): Promise<ApiResponse> {
  const { registrationChallenge } = registration;
  // Re-checked here, with no await since: two concurrent adds of one passkey both passed planning.
  if (registrationChallenge !== undefined) {
    if (ctx.state.usedRegistrationChallenges.has(registrationChallenge)) throw unauthorized('registration challenge has already been used');
    ctx.state.usedRegistrationChallenges.add(registrationChallenge);
  }
  const now = ctx.clock.now();
  const credential: Credential = {
    id: newId('AuthMethod'),
    accountId: account.id,
    type: registration.type,
    nickname: registration.nickname,
    createdAt: now,
    updatedAt: now,
    ...(registration.passkey && { passkey: registration.passkey }),
    ...(registration.oauth && { oauth: registration.oauth }),
  };
  ctx.state.credentials.set(credential.id, credential);
  // OTP credentials are activated through /verify: send the first code now, with its target bundle.
  const otpEncryptionTargetBundle =
    credential.type === 'EMAIL_OTP' || credential.type === 'SMS_OTP' ? await issueOtp(ctx, credential) : undefined;
  return { status: 201, body: { ...authMethodView(credential), ...(otpEncryptionTargetBundle && { otpEncryptionTargetBundle }) } };
}

async function addCredential(req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  const body = object(req.body);
  const type = oneOf(body, 'type', CREDENTIAL_TYPES);
  const accountId = id(body, 'accountId', 'InternalAccount');
  const account = ctx.state.accounts.get(accountId);
  if (!account) throw notFound('InternalAccount');
  // Grid's first-time wallet bootstrap: an EMAIL_OTP credential on an account with none is added
  // without a signature. Any other type always needs one (and an empty account has no session to give it).
  if (type === 'EMAIL_OTP' && credentialsOf(ctx.state, account.id).length === 0) {
    return commit(ctx, account, await planRegistration(ctx, account, type, body));
  }
  const op = { operation: 'credential.create', resourceId: account.id, body };
  if (!isSignedRetry(req)) {
    const registration = await planRegistration(ctx, account, type, body);
    const payloadToSign = activity(account, registration.activityType, registration.parameters, ctx.clock.now());
    return signedRequestChallenge(ctx, { ...op, type, payloadToSign, data: null });
  }
  verifySignedRetry(ctx, req, op, sessionOfAccount(ctx, account.id));
  // Planned again: the account may have changed between the legs (e.g. the same passkey added twice).
  return commit(ctx, account, await planRegistration(ctx, account, type, body));
}

function listCredentials(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const accountId = accountIdQuery(req.query);
  return { status: 200, body: { data: credentialsOf(ctx.state, accountId).map(authMethodView) } };
}

/** The activity a revocation signs: Turnkey's removal for passkeys and OAuth, clearing the contact for OTP. */
function removalActivity(account: Account, credential: Credential): { type: string; parameters: Record<string, unknown> } {
  const userId = account.userId;
  switch (credential.type) {
    case 'PASSKEY':
      return { type: ActivityType.DeleteAuthenticators, parameters: { authenticatorIds: [credential.id], userId } };
    case 'OAUTH':
      return { type: ActivityType.DeleteOauthProviders, parameters: { providerIds: [credential.id], userId } };
    case 'EMAIL_OTP':
      return { type: ActivityType.UpdateUserEmail, parameters: { userEmail: '', userId } };
    case 'SMS_OTP':
      return { type: ActivityType.UpdateUserPhoneNumber, parameters: { userId, userPhoneNumber: '' } };
  }
}

function revokeCredential(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const credential = findCredential(ctx, req.params.id!);
  const account = ctx.state.accounts.get(credential.accountId)!;
  if (credentialsOf(ctx.state, account.id).length <= 1) {
    throw new ApiError(400, 'INVALID_INPUT', 'An account must keep at least one credential; add another before revoking this one', {
      reason: 'LAST_CREDENTIAL',
    });
  }
  const op = { operation: 'credential.delete', resourceId: credential.id, body: req.body };
  if (!isSignedRetry(req)) {
    const removal = removalActivity(account, credential);
    const payloadToSign = activity(account, removal.type, removal.parameters, ctx.clock.now());
    return signedRequestChallenge(ctx, { ...op, type: credential.type, payloadToSign, data: null });
  }
  verifySignedRetry(ctx, req, op, sessionOfOtherCredential(ctx, account.id, credential.id));
  ctx.state.credentials.delete(credential.id);
  ctx.otp.delete(credential.id);
  for (const session of ctx.state.sessions.values()) if (session.credentialId === credential.id) session.revoked = true;
  return { status: 204 };
}

export const credentialRoutes = [
  route('POST', `${GRID}/auth/credentials`, 'grid', addCredential),
  route('GET', `${GRID}/auth/credentials`, 'grid', listCredentials),
  route('DELETE', `${GRID}/auth/credentials/:id`, 'grid', revokeCredential),
];
