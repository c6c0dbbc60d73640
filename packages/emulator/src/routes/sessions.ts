import { bytesToHex } from '@grid-wallet/core';
import { activity, ActivityType } from '../activities.ts';
import type { EmulatorContext } from '../context.ts';
import { notFound, unauthorized } from '../errors.ts';
import { route, type ApiRequest, type ApiResponse } from '../router.ts';
import { issueSession } from '../sessions.ts';
import { isSignedRetry, signedRequestChallenge, sessionItself, sessionOfAccount, verifySignedRetry } from '../signedRetry.ts';
import { activeSessionsOf, isActive, type Session } from '../state.ts';
import { accountIdQuery, clientPublicKey, object } from '../validate.ts';
import { authSessionView } from '../views.ts';
import { GRID } from './prefix.ts';

/** GET /auth/sessions (active only), DELETE /auth/sessions/{id} (revoke), POST /auth/sessions/{id}/refresh. */

function listSessions(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const accountId = accountIdQuery(req.query);
  const sessions = activeSessionsOf(ctx.state, accountId, ctx.clock.now());
  return { status: 200, body: { data: sessions.map((s) => authSessionView(s, ctx.state.credentials.get(s.credentialId)!)) } };
}

/** Revocation answers 404 for anything that is not an active session (never issued, revoked, expired). */
function activeSession(ctx: EmulatorContext, sessionId: string): Session {
  const session = ctx.state.sessions.get(sessionId);
  if (!session || !isActive(session, ctx.clock.now())) throw notFound('Session');
  return session;
}

function revokeSession(req: ApiRequest, ctx: EmulatorContext): ApiResponse {
  const session = activeSession(ctx, req.params.id!);
  const account = ctx.state.accounts.get(session.accountId)!;
  const op = { operation: 'session.delete', resourceId: session.id, body: req.body };
  if (!isSignedRetry(req)) {
    const payloadToSign = activity(
      account,
      ActivityType.DeleteApiKeys,
      { apiKeyIds: [session.id], userId: account.userId },
      ctx.clock.now(),
    );
    return signedRequestChallenge(ctx, { ...op, type: ctx.state.credentials.get(session.credentialId)!.type, payloadToSign, data: null });
  }
  // Any active session of the account may sign, including the one being revoked (log out).
  verifySignedRetry(ctx, req, op, sessionOfAccount(ctx, account.id));
  session.revoked = true;
  return { status: 204 };
}

/**
 * Refresh: a new session (new id, new key) for the same credential, signed by the
 * current session. The old session is left to expire on its own; Grid does not say
 * whether it revokes it.
 */
async function refreshSession(req: ApiRequest, ctx: EmulatorContext): Promise<ApiResponse> {
  const session = ctx.state.sessions.get(req.params.id!);
  if (!session) throw notFound('Session');
  const body = object(req.body);
  if (!isActive(session, ctx.clock.now())) throw unauthorized('the session is no longer active; verify the credential again');
  const account = ctx.state.accounts.get(session.accountId)!;
  const op = { operation: 'session.refresh', resourceId: session.id, body };
  if (!isSignedRetry(req)) {
    const parameters = {
      apiKeyName: `refresh of ${session.id}`,
      expirationSeconds: String(ctx.options.sessionTtlSeconds),
      targetPublicKey: bytesToHex(clientPublicKey(body)),
      userId: account.userId,
    };
    const payloadToSign = activity(account, ActivityType.CreateReadWriteSession, parameters, ctx.clock.now());
    return signedRequestChallenge(ctx, { ...op, payloadToSign, data: null });
  }
  // Leg 2 repeats leg 1's body (checked here), so its clientPublicKey was validated on leg 1.
  verifySignedRetry(ctx, req, op, sessionItself(session));
  const credential = ctx.state.credentials.get(session.credentialId)!;
  const issued = await issueSession(ctx, credential, clientPublicKey(body));
  return { status: 201, body: authSessionView(issued.session, credential, issued.encryptedSessionSigningKey) };
}

export const sessionRoutes = [
  route('GET', `${GRID}/auth/sessions`, 'grid', listSessions),
  route('DELETE', `${GRID}/auth/sessions/:id`, 'grid', revokeSession),
  route('POST', `${GRID}/auth/sessions/:id/refresh`, 'grid', refreshSession),
];
