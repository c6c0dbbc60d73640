import { errors, type MethodName, type ParamsOf } from '@grid-wallet/protocol';
import type { ApprovalInput, ApprovalKind, ApprovalView } from '../../extension-protocol/internal.ts';
import type { ApprovalRecord } from '../approvals/ApprovalQueue.ts';
import type { BackgroundContext, MethodHandler, PromptingMethod } from '../context.ts';
import { wallet_connect, wallet_disconnect, wallet_status } from './connection.ts';
import { grid_collectOtp } from './otp.ts';
import { grid_getPasskeyAssertion, grid_registerPasskey } from './passkeys.ts';
import { grid_createClientKey, grid_endSession, grid_listSessions, grid_openSession } from './sessions.ts';
import { grid_signPayload, readSignerAhead } from './signing.ts';
import { grid_createExportKey, grid_showWalletExport } from './walletExport.ts';

/**
 * The methods that may ask the user, one per approval kind (extension-protocol/internal.ts,
 * ApprovalKinds): each starts as a page request and completes what the user approved.
 * The type makes a kind without its method, or a method of another kind, a compile error.
 */
const PROMPTING: { [K in ApprovalKind]: PromptingMethod<K> } = {
  connect: wallet_connect,
  sign: grid_signPayload,
  otp: grid_collectOtp,
  'passkey-create': grid_registerPasskey,
  'passkey-get': grid_getPasskeyAssertion,
  'wallet-export': grid_showWalletExport,
};

/** One handler per public method; the type makes a missing one a compile error. */
export const HANDLERS: { [M in MethodName]: MethodHandler<M> } = {
  wallet_connect: wallet_connect.start,
  wallet_disconnect,
  wallet_status,
  grid_createClientKey,
  grid_collectOtp: grid_collectOtp.start,
  grid_openSession,
  grid_listSessions,
  grid_signPayload: grid_signPayload.start,
  grid_endSession,
  grid_registerPasskey: grid_registerPasskey.start,
  grid_getPasskeyAssertion: grid_getPasskeyAssertion.start,
  grid_createExportKey,
  grid_showWalletExport: grid_showWalletExport.start,
};

/** Starts reads a method will need, while the router checks the origin's connection; it decides nothing. */
export type ReadAhead<M extends MethodName> = (ctx: BackgroundContext, origin: string, params: ParamsOf<M>) => void;

/**
 * The reads worth starting early (pageRouter.ts, `admit`): those of a stamp under a grant, the request a stopped
 * worker most often wakes for. They only fill a store's read cache, which keeps nothing a read did not find.
 */
export const READS_AHEAD: { [M in MethodName]?: ReadAhead<M> } = {
  grid_signPayload: readSignerAhead,
};

/**
 * What approving a waiting request does (ApprovalQueue.decide): its method's completion.
 * The queue ends the site's back-off once the page has its answer.
 */
export async function completeApproval(ctx: BackgroundContext, record: ApprovalRecord, input: ApprovalInput): Promise<unknown> {
  const { view } = record;
  // The window answers a prompt in the prompt's own kind; any other answer is a bug, and approves nothing.
  if (input.kind !== view.kind) throw errors.internal();
  return complete(ctx, view.kind, view, input);
}

/** The completion of kind `K`, applied to a view and an answer of that kind. */
function complete<K extends ApprovalKind>(ctx: BackgroundContext, kind: K, view: ApprovalView<K>, input: ApprovalInput<K>) {
  return PROMPTING[kind].complete(ctx, view, input);
}
