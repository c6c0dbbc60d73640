import type { Page } from '@playwright/test';
import type { InternalAction, InternalMessage, InternalRequests } from '../src/extension-protocol/internal.ts';
import type { ErrorPayload } from '@grid-wallet/protocol/errors';

/** How the background answered an internal call: the action's result, or the error it refused it with. */
export type InternalReply<A extends InternalAction> =
  | { result: InternalRequests[A]['result']; error?: undefined }
  | { result?: undefined; error: ErrorPayload };

/**
 * Sends an internal message from an extension page, the way the popup does (src/popup/api.ts),
 * and returns the reply as it came, refusals included: tests check those too.
 */
export function internalCall<A extends InternalAction>(
  page: Page,
  action: A,
  ...[params]: InternalRequests[A]['params'] extends Record<string, never> ? [] : [InternalRequests[A]['params']]
): Promise<InternalReply<A>> {
  const message: InternalMessage<A> = { kind: 'internal', action, params: (params ?? {}) as InternalRequests[A]['params'] };
  return page.evaluate((message) => chrome.runtime.sendMessage(message), message);
}
