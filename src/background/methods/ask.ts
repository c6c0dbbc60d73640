import { sha256HexOfText } from '@grid-wallet/core';
import type { MethodName } from '@grid-wallet/protocol';
import type { ApprovalKind, ApprovalMethod } from '../../extension-protocol/internal.ts';
import type { NewPrompt } from '../approvals/ApprovalQueue.ts';
import { type BackgroundContext, type MethodCall, PENDING } from '../context.ts';

/**
 * Queues the prompt of kind `K` for a page request, which then waits for the user (4001
 * while its site is paused, -32002 for a duplicate: ApprovalQueue.enqueue). The prompt's
 * `kind` fixes `K`, so a call of another kind's method does not compile.
 */
export async function ask<K extends ApprovalKind>(
  ctx: BackgroundContext,
  call: MethodCall<ApprovalMethod<K>>,
  prompt: NewPrompt<K> & { kind: K },
): Promise<typeof PENDING> {
  await ctx.approvals.enqueue<K>({ ...call.page, view: prompt, fingerprint: await fingerprint(call) });
  return PENDING;
}

/**
 * Identifies "the same request again": origin, method and validated params.
 * Validated params are rebuilt field by field, so their JSON is canonical enough.
 */
async function fingerprint(call: MethodCall<MethodName>): Promise<string> {
  return sha256HexOfText(JSON.stringify([call.origin, call.method, call.params]));
}
