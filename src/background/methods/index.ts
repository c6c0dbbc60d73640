import type { MethodName } from '@grid-wallet/protocol';
import type { ApprovalInput } from '../../extension-protocol/internal.ts';
import type { ApprovalRecord } from '../approvals/ApprovalQueue.ts';
import type { BackgroundContext, MethodHandler } from '../context.ts';
import { completeConnect, wallet_connect, wallet_disconnect, wallet_status } from './connection.ts';
import { completeOtp, grid_collectOtp } from './otp.ts';
import { completePasskeyCreate, completePasskeyGet, grid_getPasskeyAssertion, grid_registerPasskey } from './passkeys.ts';
import { grid_createClientKey, grid_endSession, grid_listSessions, grid_openSession } from './sessions.ts';
import { completeSign, grid_signPayload } from './signing.ts';
import { completeWalletExport, grid_createExportKey, grid_showWalletExport } from './walletExport.ts';

/** One handler per public method; the type makes a missing one a compile error. */
export const HANDLERS: { [M in MethodName]: MethodHandler<M> } = {
  wallet_connect,
  wallet_disconnect,
  wallet_status,
  grid_createClientKey,
  grid_collectOtp,
  grid_openSession,
  grid_listSessions,
  grid_signPayload,
  grid_endSession,
  grid_registerPasskey,
  grid_getPasskeyAssertion,
  grid_createExportKey,
  grid_showWalletExport,
};

/** Does what the user approved; a yes to the site also ends its back-off (stores/PromptBackoff.ts). */
export async function completeApproval(ctx: BackgroundContext, record: ApprovalRecord, input: ApprovalInput): Promise<unknown> {
  const result = await completeKind(ctx, record, input);
  await ctx.promptBackoff.clear(record.view.origin);
  return result;
}

/** What happens when the user approves a queued request, by kind. */
function completeKind(ctx: BackgroundContext, record: ApprovalRecord, input: ApprovalInput): Promise<unknown> {
  switch (record.view.kind) {
    case 'connect':
      return completeConnect(ctx, record);
    case 'sign':
      return completeSign(ctx, record, input);
    case 'otp':
      return completeOtp(ctx, record, input);
    case 'passkey-create':
      return completePasskeyCreate(ctx, record, input);
    case 'passkey-get':
      return completePasskeyGet(ctx, record, input);
    case 'wallet-export':
      return completeWalletExport(ctx, record);
  }
}
