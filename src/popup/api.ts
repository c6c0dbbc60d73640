import browser, { type Runtime } from 'webextension-polyfill';
import { isErrorPayload, ProviderError } from '@grid-wallet/protocol/errors';
import {
  INTERNAL_PORT,
  type InternalAction,
  type InternalMessage,
  type InternalPortReply,
  type InternalPortRequest,
  type InternalRequests,
  SAME_PROCESS_REPLY,
  SAME_PROCESS_REQUEST,
  type SameProcessRequest,
} from '../extension-protocol/internal.ts';
import { sameProcessBackground } from './sameProcessBackground.ts';

type Reply = InternalPortReply['reply'];

/** This page's port to the background, opened on first use and again after the worker stopped. */
let port: Runtime.Port | null = null;
const waiting = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void }>();
let nextId = 0;

function settle({ id, reply }: InternalPortReply): void {
  waiting.get(id)?.resolve(reply);
  waiting.delete(id);
}

function backgroundPort(): Runtime.Port {
  if (port) return port;
  const opened = browser.runtime.connect({ name: INTERNAL_PORT });
  opened.onMessage.addListener((message: unknown) => settle(message as InternalPortReply));
  // The worker stopped (or the extension reloaded): calls in flight get no answer; the next call opens a new port.
  opened.onDisconnect.addListener(() => {
    port = null;
    for (const call of waiting.values()) call.reject(new Error('No answer'));
    waiting.clear();
  });
  port = opened;
  return opened;
}

/** Replies of the same-process background (Firefox): only from that window, only of our origin. */
let listeningToBackground = false;
function listenToSameProcessBackground(): void {
  if (listeningToBackground) return;
  listeningToBackground = true;
  addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== location.origin || event.source === null || event.source !== sameProcessBackground()) return;
    if ((event.data as { kind?: unknown } | null)?.kind === SAME_PROCESS_REPLY) settle(event.data as InternalPortReply);
  });
}

/**
 * Sends one call: straight to the event page's window when it runs in this process (Firefox,
 * SAME_PROCESS_REQUEST), else on the port. The port is opened either way: its disconnect is
 * what tells the calls in flight that the background went away.
 */
function send(request: InternalPortRequest): void {
  const opened = backgroundPort();
  const background = sameProcessBackground();
  if (background) {
    listenToSameProcessBackground();
    background.postMessage({ kind: SAME_PROCESS_REQUEST, ...request } satisfies SameProcessRequest, location.origin);
  } else {
    opened.postMessage(request);
  }
}

/**
 * Opens the port ahead of the first call. The approval window does this as it
 * loads, so the customer's decision travels as one message.
 */
export function connectBackground(): void {
  backgroundPort();
}

/** Calls the background from an extension page (approval window, toolbar popup). */
export async function callBackground<A extends InternalAction>(
  action: A,
  ...[params]: InternalRequests[A]['params'] extends Record<string, never> ? [] : [InternalRequests[A]['params']]
): Promise<InternalRequests[A]['result']> {
  const message: InternalMessage<A> = { kind: 'internal', action, params: (params ?? {}) as InternalRequests[A]['params'] };
  const reply = await new Promise<Reply>((resolve, reject) => {
    const id = ++nextId;
    waiting.set(id, { resolve, reject });
    send({ id, message });
  });
  if ('error' in reply) {
    throw isErrorPayload(reply.error) ? new ProviderError(reply.error.code, reply.error.message, reply.error.data) : new Error('No answer');
  }
  return reply.result as InternalRequests[A]['result'];
}

/** Runs `refresh` whenever the background says approvals or the dashboard changed. */
export function onBackgroundChange(refresh: () => void): () => void {
  const listener = (message: unknown) => {
    if ((message as { kind?: unknown } | null)?.kind === 'internal-changed') refresh();
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
