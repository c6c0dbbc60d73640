import {
  type AskDecision,
  buildStamp,
  bytesToHex,
  decideSigning,
  isGrantMinutes,
  namedPublicKeys,
  offersGrant,
  type PayloadKind,
  readPayload,
} from '@grid-wallet/core';
import { errors, type ParamsOf, type SignResult } from '@grid-wallet/protocol';
import type { SignerView } from '../../extension-protocol/internal.ts';
import type { BackgroundContext, PromptingMethod } from '../context.ts';
import type { ActivityRecord } from '../db.ts';
import { loadCurve } from '../loadCurve.ts';
import { ask } from './ask.ts';
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
    view: {
      kind: 'client-key',
      id: clientKey.id,
      publicKey: bytesToHex((await loadCurve()).compressPublicKey(clientKey.publicKey)),
      expiresAt: clientKey.expiresAt,
    },
  };
}

/** The session a request names, read while the router checks the connection (methods/index.ts, READS_AHEAD). */
export function readSignerAhead(ctx: BackgroundContext, origin: string, params: SignParams): void {
  if (params.sessionId !== undefined) ctx.sessions.readAhead(origin, params.sessionId);
}

/** The policy's `holds` for a payload that names no key: never asked. */
const holdsNone = () => false;

/** The policy's `holds` for a payload that names keys: the curve code loads while the held keys are read. */
async function heldKeyTestFor(ctx: BackgroundContext, origin: string): Promise<(publicKeyHex: string) => boolean> {
  const [{ heldKeyTest }, held] = await Promise.all([loadCurve(), heldKeys(ctx, origin)]);
  return heldKeyTest(held);
}

/** Public keys this extension holds for the origin: its unused client keys and its sessions' keys. */
async function heldKeys(ctx: BackgroundContext, origin: string): Promise<string[]> {
  const [clientKeys, sessions] = await Promise.all([ctx.clientKeys.usablePublicKeys(origin), ctx.sessions.list(origin)]);
  return [...clientKeys, ...sessions.map((session) => session.publicKeyHex)];
}

/**
 * Reads the payload once per request and applies the signing policy
 * (core/signingPolicy.ts); a refusal throws 4100 before anything is shown or
 * signed. Held keys are looked up only when the payload names a key.
 */
async function assess(
  ctx: BackgroundContext,
  origin: string,
  params: SignParams,
  signer: Signer,
): Promise<{ payload: PayloadKind; decision: AskDecision }> {
  const payload = readPayload(params.payloadToSign);
  const holds = namedPublicKeys(payload).length > 0 ? await heldKeyTestFor(ctx, origin) : holdsNone;
  const decision = decideSigning(payload, { signer: signer.view, holds });
  if (decision.verdict === 'refuse') throw errors.keyNotHeld('params.payloadToSign');
  return { payload, decision };
}

/**
 * grid_signPayload. Signs at once when the policy lets a grant of the origin's
 * (of the scope the policy names) or the client key's one post-OTP signature
 * cover the payload (and that grant or allowance exists); otherwise asks. Nothing else is signed before the
 * user approves.
 */
export const grid_signPayload: PromptingMethod<'sign'> = {
  start: async (ctx, call) => {
    const { origin, params } = call;
    const signer = await resolveSigner(ctx, origin, params);
    const { payload, decision } = await assess(ctx, origin, params, signer);
    await exportTargetOf(ctx, origin, payload, decision);
    if (decision.unprompted === 'payments' && (await ctx.connections.hasSigningGrant(origin, decision.unprompted))) {
      return sign(ctx, origin, params, payload, signer, 'grant');
    }
    if (decision.unprompted === 'otp' && (await ctx.clientKeys.takeOtpSignature(origin, params.clientKeyId!))) {
      return sign(ctx, origin, params, payload, signer, 'otp');
    }
    return ask(ctx, call, { kind: 'sign', origin, params, signer: signer.view, decision });
  },

  complete: async (ctx, { origin, params, signer: shown }, input) => {
    const signer = await resolveSigner(ctx, origin, params);
    // The user approved the key the prompt showed; if the id now names another, sign nothing.
    if (signer.view.publicKey !== shown.publicKey) throw errors.signerReplaced();
    // Decided again: the keys held for the origin may have changed while the prompt waited.
    const { payload, decision } = await assess(ctx, origin, params, signer);
    // Checked again too: the export key may have been used or may have expired meanwhile.
    const exportKey = await exportTargetOf(ctx, origin, payload, decision);
    const offered = offersGrant(decision);
    if (isGrantMinutes(input.grantMinutes) && offered) {
      await ctx.connections.grantSigning(origin, offered, input.grantMinutes * 60_000);
    }
    const result = await sign(ctx, origin, params, payload, signer, 'prompt');
    if (exportKey) await approveExport(ctx, origin, exportKey, payload);
    return result;
  },
};

async function sign(
  ctx: BackgroundContext,
  origin: string,
  params: SignParams,
  payload: PayloadKind,
  signer: Signer,
  consent: NonNullable<ActivityRecord['consent']>,
): Promise<SignResult> {
  const signature = await buildStamp(params.payloadToSign, { signingKey: signer.signingKey, publicKeyHex: signer.view.publicKey });
  // Recorded without waiting for the disk, and digested when committed (stores/ActivityLog.ts).
  ctx.activity.add({
    origin,
    kind: 'signed',
    detail: payload.kind === 'activity' ? payload.activityType : payload.kind,
    sessionId: signer.view.id,
    signedPayload: params.payloadToSign,
    consent,
  });
  return { signature, publicKey: signer.view.publicKey };
}
