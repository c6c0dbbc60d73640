import { buildStamp, bytesToHex, classifyPayload, compressPublicKey, type PayloadKind, payloadRisk, utf8 } from '../../core/index.ts';
import type { ParamsOf, SignResult } from '../../protocol/index.ts';
import type { ApprovalInput, SignerView } from '../../protocol/internal.ts';
import type { ApprovalRecord } from '../approvals/ApprovalQueue.ts';
import { type BackgroundContext, type MethodHandler, PENDING } from '../context.ts';
import type { ActivityRecord } from '../db.ts';
import { fingerprint } from './fingerprint.ts';
import { approveExport, exportTargetOf } from './walletExport.ts';

type SignParams = ParamsOf<'grid_signPayload'>;

interface Signer {
  view: SignerView;
  signingKey: CryptoKey;
}

/** The key a request names, checked for this origin (4404 when missing, used or expired). */
async function resolveSigner(ctx: BackgroundContext, origin: string, params: SignParams): Promise<Signer> {
  if (params.sessionId !== undefined) {
    const session = await ctx.sessions.get(origin, params.sessionId);
    return {
      signingKey: session.signingKey,
      view: {
        kind: 'session',
        id: session.sessionId,
        publicKey: session.publicKeyHex,
        accountId: session.accountId,
        expiresAt: session.expiresAt,
        ...(session.credentialId !== undefined && { credentialId: session.credentialId }),
        ...(session.type !== undefined && { type: session.type }),
        ...(session.nickname !== undefined && { nickname: session.nickname }),
      },
    };
  }
  const clientKey = await ctx.clientKeys.getUsable(origin, params.clientKeyId!);
  return {
    signingKey: clientKey.keys.signingKey,
    view: { kind: 'client-key', id: clientKey.id, publicKey: bytesToHex(compressPublicKey(clientKey.publicKey)), expiresAt: clientKey.expiresAt },
  };
}

/**
 * Reads the payload once per request: what it is (for the activity log), and
 * whether a standing grant may cover it. A grant covers only session signatures,
 * and never what is hard to undo (exporting the wallet, removing a credential).
 */
function readPayload(params: SignParams): { payload: PayloadKind; grantable: boolean } {
  const payload = classifyPayload(params.payloadToSign);
  return { payload, grantable: params.sessionId !== undefined && payloadRisk(payload) === null };
}

/**
 * grid_signPayload. Signs at once when the origin holds a signing grant (sessions)
 * or the user just entered this client key's OTP (its one verification-token
 * signature); otherwise asks. Nothing is signed before the user approves.
 */
export const grid_signPayload: MethodHandler<'grid_signPayload'> = async (ctx, call) => {
  const { origin, params } = call;
  const signer = await resolveSigner(ctx, origin, params);
  const { payload, grantable } = readPayload(params);
  await exportTargetOf(ctx, origin, payload);
  if (grantable && (await ctx.connections.hasSigningGrant(origin))) {
    return sign(ctx, origin, params, payload, signer, 'grant');
  }
  if (params.clientKeyId !== undefined && (await ctx.clientKeys.takeOtpSignature(origin, params.clientKeyId))) {
    return sign(ctx, origin, params, payload, signer, 'otp');
  }
  await ctx.approvals.enqueue({
    ...call.page,
    view: { kind: 'sign', origin, params, signer: signer.view },
    fingerprint: await fingerprint(call),
  });
  return PENDING;
};

export async function completeSign(ctx: BackgroundContext, record: ApprovalRecord, input: ApprovalInput): Promise<SignResult> {
  const { origin, params } = record.view as Extract<ApprovalRecord['view'], { kind: 'sign' }>;
  const signer = await resolveSigner(ctx, origin, params);
  const { payload, grantable } = readPayload(params);
  const exportKey = await exportTargetOf(ctx, origin, payload);
  if (input.kind === 'sign' && input.grantMinutes !== undefined && grantable) {
    await ctx.connections.grantSigning(origin, input.grantMinutes * 60_000);
  }
  const result = await sign(ctx, origin, params, payload, signer, 'prompt');
  if (exportKey) await approveExport(ctx, origin, exportKey, payload);
  return result;
}

async function sign(
  ctx: BackgroundContext,
  origin: string,
  params: SignParams,
  payload: PayloadKind,
  signer: Signer,
  consent: NonNullable<ActivityRecord['consent']>,
): Promise<SignResult> {
  const signature = await buildStamp(params.payloadToSign, { signingKey: signer.signingKey, publicKeyHex: signer.view.publicKey });
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', utf8(params.payloadToSign)));
  await ctx.activity.add({
    origin,
    kind: 'signed',
    detail: payload.kind === 'activity' ? payload.activityType : payload.kind,
    sessionId: signer.view.id,
    payloadSha256: bytesToHex(digest),
    consent,
  });
  return { signature, publicKey: signer.view.publicKey };
}
