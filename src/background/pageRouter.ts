import {
  type BridgeAck,
  ErrorCode,
  errors,
  isMethodName,
  METHODS,
  type MethodName,
  type ParamsOf,
  toErrorPayload,
  validateRequest,
} from '@grid-wallet/protocol';
import { isPlainObject } from '@grid-wallet/protocol/validate';
import { type BackgroundContext, type MethodCall, PENDING } from './context.ts';
import { HANDLERS, READS_AHEAD, type ReadAhead } from './methods/index.ts';
import type { PageAddress } from './pageAddress.ts';
import type { PageSender } from './sender.ts';
import { storageTroubleOf } from './storageTrouble.ts';

/**
 * The public entry point: one page request from a content script. The origin
 * comes from the browser (`sender`); the message supplies only the method,
 * params and ids. Every failure becomes a protocol error, never an exception.
 */
export async function handlePageRequest(ctx: BackgroundContext, message: unknown, sender: PageSender): Promise<BridgeAck> {
  if (
    !isPlainObject(message) ||
    typeof message.id !== 'string' ||
    typeof message.bridgeId !== 'string' ||
    typeof message.method !== 'string'
  ) {
    return { error: errors.invalidParams('request', 'is not a well-formed request').toPayload() };
  }
  const { id, bridgeId, method } = message;
  try {
    if (!isMethodName(method)) throw errors.unsupportedMethod(method);
    if (message.retry === true && (await isQueued(ctx, { tabId: sender.tabId, bridgeId, pageRequestId: id }))) return { pending: true };
    const params = await admit(ctx, method, message.params, sender.origin);
    await ctx.pages.remember(sender.tabId, sender.origin, bridgeId);
    const call = { origin: sender.origin, method, params, page: { tabId: sender.tabId, bridgeId, pageRequestId: id } };
    const result = await (HANDLERS[method] as (ctx: BackgroundContext, call: MethodCall<MethodName>) => Promise<unknown>)(ctx, call);
    return result === PENDING ? { pending: true } : { result };
  } catch (error) {
    const trouble = storageTroubleOf(error);
    if (trouble) {
      await ctx.storageTroubles.report(trouble).catch(() => undefined);
      ctx.notifyExtensionPages();
      return { error: errors.storageTrouble(trouble).toPayload() };
    }
    const payload = toErrorPayload(error);
    // Only unexpected failures are logged, and only by name: a message could quote data.
    if (payload.code === ErrorCode.internal)
      console.error(`[grid-wallet] ${method} failed: ${error instanceof Error ? error.name : typeof error}`);
    return { error: payload };
  }
}

/**
 * The connection check, then the params: a page that is not connected gets 4100 whatever it sent. Valid params
 * start the reads their method will need (READS_AHEAD) while the check reads the connection, so a worker's first
 * stamp waits on one round trip to the database, not two. The method itself runs only once the check passes.
 */
async function admit<M extends MethodName>(ctx: BackgroundContext, method: M, rawParams: unknown, origin: string): Promise<ParamsOf<M>> {
  const connected = METHODS[method].needsConnection ? ctx.connections.isConnected(origin) : Promise.resolve(true);
  let params: ParamsOf<M>;
  try {
    params = validateRequest(method, rawParams);
  } catch (invalid) {
    if (!(await connected)) throw errors.unauthorized();
    throw invalid;
  }
  (READS_AHEAD[method] as ReadAhead<MethodName> | undefined)?.(ctx, origin, params);
  if (!(await connected)) throw errors.unauthorized();
  return params;
}

/** A request sent again after the worker stopped may have queued its approval already: keep that one. */
async function isQueued(ctx: BackgroundContext, address: PageAddress): Promise<boolean> {
  return (await ctx.approvals.list()).some(
    (r) => r.tabId === address.tabId && r.bridgeId === address.bridgeId && r.pageRequestId === address.pageRequestId,
  );
}
