import { bytesToHex, compressPublicKey } from '@grid-wallet/core';
import { canonicalJson } from './canonicalJson.ts';
import { rfc3339, secondsFromNow } from './clock.ts';
import type { EmulatorContext } from './context.ts';
import { ApiError, unauthorized } from './errors.ts';
import { newId } from './ids.ts';
import { consume, PENDING_TTL_SECONDS, type PendingRequest } from './pendingRequests.ts';
import type { ApiRequest, ApiResponse } from './router.ts';
import { activeSessionsWithKey, type Session } from './state.ts';
import { missingSignature, parseWalletSignature, verifyWalletSignature, WALLET_SIGNATURE_HEADER } from './walletSignature.ts';

/**
 * Grid's signed-retry pattern, shared by every signed operation:
 *   1. the request without signature headers → 202 {type?, payloadToSign, requestId, expiresAt};
 *   2. the same request + `Grid-Wallet-Signature` (a stamp over payloadToSign) +
 *      `Request-Id` → the operation runs.
 * Leg 2 is checked in the order of the emulator's README ("Signed retries and
 * errors"); see verifySignedRetry.
 */
export const REQUEST_ID_HEADER = 'Request-Id';

export interface SignedOperation {
  /** Names the operation, e.g. "credential.create"; a request id only works for its own. */
  readonly operation: string;
  /** The account, credential or session acted on. */
  readonly resourceId: string;
  /** The request body as received; leg 2 must repeat it. */
  readonly body: unknown;
}

/** True when the request carries either signed-retry header, i.e. it claims to be leg 2. */
export function isSignedRetry(req: ApiRequest): boolean {
  return req.header(WALLET_SIGNATURE_HEADER) !== undefined || req.header(REQUEST_ID_HEADER) !== undefined;
}

/** Leg 1: remember the request and answer 202 (Grid's SignedRequestChallenge) with what the client must stamp. */
export function signedRequestChallenge<Data>(
  ctx: EmulatorContext,
  op: SignedOperation & { readonly payloadToSign: string; readonly type?: string; readonly data: Data },
): ApiResponse {
  const pending = ctx.pending.create({
    requestId: newId('Request'),
    operation: op.operation,
    resourceId: op.resourceId,
    body: canonicalJson(op.body ?? {}),
    payloadToSign: op.payloadToSign,
    expiresAt: secondsFromNow(ctx.clock, PENDING_TTL_SECONDS),
    data: op.data,
  });
  return {
    status: 202,
    body: {
      ...(op.type !== undefined && { type: op.type }),
      payloadToSign: pending.payloadToSign,
      requestId: pending.requestId,
      expiresAt: rfc3339(pending.expiresAt),
    },
  };
}

/** Decides whether a (verified) signing key may perform the operation; throws 401 if not. */
export type Authorizer<Data> = (signer: string, pending: PendingRequest<Data>) => void;

/**
 * Leg 2. Checks, in order: both headers present; the stamp parses; the request id
 * is live and belongs to this operation and resource; the body equals leg 1's; the
 * signature verifies over the stored payloadToSign; the signer is authorised.
 * Only then is the request id consumed. The sandbox literal skips the last two.
 */
export function verifySignedRetry<Data>(
  ctx: EmulatorContext,
  req: ApiRequest,
  op: SignedOperation,
  authorize: Authorizer<Data>,
): PendingRequest<Data> {
  const header = req.header(WALLET_SIGNATURE_HEADER);
  if (header === undefined) throw missingSignature();
  const requestId = req.header(REQUEST_ID_HEADER);
  if (requestId === undefined) throw new ApiError(401, 'REQUEST_ID_MISSING', `${REQUEST_ID_HEADER} header is required on a signed retry`);
  const signature = parseWalletSignature(header, ctx.options.otpMode === 'sandbox');
  const pending = ctx.pending.find<Data>(requestId, op.operation, op.resourceId);
  if (canonicalJson(op.body ?? {}) !== pending.body) {
    throw new ApiError(401, 'WALLET_SIGNATURE_BODY_MISMATCH', 'The signed retry body differs from the body that was challenged');
  }
  const signer = verifyWalletSignature(signature, pending.payloadToSign);
  if (signer !== null) authorize(signer, pending);
  consume(pending);
  return pending;
}

// Authorizers for the signed operations (the emulator's README, "Signed retries and errors").

/** Add credential, revoke session, execute quote: any active session of the account. */
export function sessionOfAccount(ctx: EmulatorContext, accountId: string): (signer: string) => void {
  return (signer) => {
    if (activeSessionsWithKey(ctx.state, accountId, signer, ctx.clock.now()).length === 0) {
      throw unauthorized('the signing key is not an active session of this account');
    }
  };
}

/** Revoke credential: an active session issued by a different credential. */
export function sessionOfOtherCredential(ctx: EmulatorContext, accountId: string, credentialId: string): (signer: string) => void {
  return (signer) => {
    const sessions = activeSessionsWithKey(ctx.state, accountId, signer, ctx.clock.now());
    if (sessions.length === 0) throw unauthorized('the signing key is not an active session of this account');
    if (!sessions.some((s) => s.credentialId !== credentialId)) {
      throw unauthorized('a credential cannot authorise its own revocation; sign with a session of another credential');
    }
  };
}

/** Refresh: the target session's own key (the route checks that the session is still active). */
export function sessionItself(session: Session): (signer: string) => void {
  return (signer) => {
    if (signer !== session.publicKey) throw unauthorized('a refresh must be signed by the session being refreshed');
  };
}

/** OTP verify leg 2: the client key that leg 1 bound from inside the encrypted OTP bundle. */
export const signerIsBoundKey: Authorizer<{ readonly boundPublicKey: Uint8Array }> = (signer, pending) => {
  if (signer !== bytesToHex(compressPublicKey(pending.data.boundPublicKey))) {
    throw unauthorized('the verification token must be signed by the key bound in encryptedOtpBundle');
  }
};
