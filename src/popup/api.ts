import browser from 'webextension-polyfill';
import { isErrorPayload, ProviderError } from '../protocol/errors.ts';
import type { InternalAction, InternalMessage, InternalRequests } from '../protocol/internal.ts';

/** Calls the background from an extension page (approval window, toolbar popup). */
export async function callBackground<A extends InternalAction>(
  action: A,
  ...[params]: InternalRequests[A]['params'] extends Record<string, never> ? [] : [InternalRequests[A]['params']]
): Promise<InternalRequests[A]['result']> {
  const message: InternalMessage<A> = { kind: 'internal', action, params: (params ?? {}) as InternalRequests[A]['params'] };
  const reply = (await browser.runtime.sendMessage(message)) as { result: InternalRequests[A]['result'] } | { error: unknown };
  if ('error' in reply) {
    throw isErrorPayload(reply.error) ? new ProviderError(reply.error.code, reply.error.message, reply.error.data) : new Error('No answer');
  }
  return reply.result;
}

/** Runs `refresh` whenever the background says approvals or the dashboard changed. */
export function onBackgroundChange(refresh: () => void): () => void {
  const listener = (message: unknown) => {
    if ((message as { kind?: unknown } | null)?.kind === 'internal-changed') refresh();
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
