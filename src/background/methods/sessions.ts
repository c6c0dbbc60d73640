import { bytesToHex, FormatError } from '@grid-wallet/core';
import { checkSessionExpiry, errors } from '@grid-wallet/protocol';
import type { BackgroundContext, MethodHandler } from '../context.ts';
import type { SessionRecord } from '../db.ts';
import { loadCurve } from '../loadCurve.ts';
import { describeClientKey } from '../stores/ClientKeyStore.ts';
import { toSessionInfo } from '../stores/SessionStore.ts';

export const grid_createClientKey: MethodHandler<'grid_createClientKey'> = async (ctx, call) => {
  const record = await ctx.clientKeys.create(call.origin);
  await ctx.scheduleExpiry();
  return describeClientKey(record);
};

/**
 * grid_openSession. With `encryptedSessionSigningKey` (legacy flow) the bundle is
 * opened with the client key and the session scalar goes straight into a
 * non-extractable key; without it (client-held flow) the client key itself
 * becomes the session key. Either way the client key is spent, but only once the
 * session is safely stored: a bundle that fails to open leaves everything as it was.
 */
export const grid_openSession: MethodHandler<'grid_openSession'> = async (ctx, call) => {
  const { params, origin } = call;
  checkSessionExpiry(params.expiresAt, ctx.now());
  const clientKey = await ctx.clientKeys.getUsable(origin, params.clientKeyId);
  const curve = await loadCurve();

  let signingKey = clientKey.keys.signingKey;
  let publicKey = clientKey.publicKey;
  if (params.encryptedSessionSigningKey !== undefined) {
    let scalar: Uint8Array;
    try {
      scalar = await curve.openSessionBundle(params.encryptedSessionSigningKey, clientKey.keys.agreementKey, clientKey.publicKey);
    } catch (error) {
      if (error instanceof FormatError) throw errors.bundleDidNotOpen('encryptedSessionSigningKey');
      throw error;
    }
    const session = await curve.importP256Scalar(scalar); // wipes the scalar
    signingKey = session.signingKey;
    publicKey = session.publicKey;
  }

  const sessionId = params.sessionId ?? `local_${crypto.randomUUID()}`;
  const publicKeyHex = bytesToHex(curve.compressPublicKey(publicKey));
  // Checked before the client key is spent, so a refused swap leaves everything as it was.
  const existingKey = await ctx.sessions.publicKeyOf(origin, sessionId);
  if (existingKey !== undefined && existingKey !== publicKeyHex) throw sessionIdTaken();
  const record: SessionRecord = {
    origin,
    sessionId,
    accountId: params.accountId,
    publicKeyHex,
    signingKey,
    createdAt: ctx.now(),
    expiresAt: params.expiresAt,
    source: params.encryptedSessionSigningKey === undefined ? 'client-key' : 'bundle',
    ...(params.credentialId !== undefined && { credentialId: params.credentialId }),
    ...(params.type !== undefined && { type: params.type }),
    ...(params.nickname !== undefined && { nickname: params.nickname }),
  };
  const stored = await ctx.sessions.putSpending(record, (clientKeys) => ctx.clientKeys.consumeIn(clientKeys, origin, params.clientKeyId));
  if (stored === 'other-key') throw sessionIdTaken(); // lost a race with another open of the same id
  ctx.activity.add({ origin, kind: 'session-opened', detail: record.nickname ?? record.accountId, sessionId: record.sessionId });
  await Promise.all([ctx.scheduleExpiry(), sessionsChanged(ctx, origin)]);
  return toSessionInfo(record);
};

/** Re-using a live session id for another key would swap the key behind an open prompt (docs/security-model.md §3.10). */
const sessionIdTaken = () =>
  errors.invalidParams('params.sessionId', 'already names a live session of this site with another key; end it first');

export const grid_listSessions: MethodHandler<'grid_listSessions'> = async (ctx, call) =>
  (await ctx.sessions.list(call.origin)).map(toSessionInfo);

export const grid_endSession: MethodHandler<'grid_endSession'> = async (ctx, call) => {
  await endSession(ctx, call.origin, call.params.sessionId);
  return null;
};

export async function endSession(ctx: BackgroundContext, origin: string, sessionId: string): Promise<void> {
  if (!(await ctx.sessions.delete(origin, sessionId)))
    throw errors.notFound('session', await ctx.sessions.missingReason(origin, sessionId));
  ctx.activity.add({ origin, kind: 'session-ended', detail: sessionId, sessionId });
  await sessionsChanged(ctx, origin);
}

export async function sessionsChanged(ctx: BackgroundContext, origin: string): Promise<void> {
  ctx.notifyExtensionPages();
  const sessions = (await ctx.sessions.list(origin)).map(toSessionInfo);
  await ctx.pages.broadcast(origin, 'sessionsChanged', { sessions });
}
