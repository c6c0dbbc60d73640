import browser from 'webextension-polyfill';
import {
  type BridgeAck,
  type BridgeReply,
  type BridgeRequest,
  errors,
  type ErrorPayload,
  MAX_MESSAGE_BYTES,
  MessageType,
  PAGE_PORT,
  PROTOCOL_VERSION,
  type PageResponse,
  readPageRequest,
  toErrorPayload,
  validateRequest,
} from '@grid-wallet/protocol';
import { isPlainObject } from '@grid-wallet/protocol/validate';
import { BackgroundLink } from './backgroundLink.ts';

/**
 * The content script (isolated world, top-level http(s) documents only): relays
 * page requests that pass the public method table to the background, and the
 * background's answers and events back to the page. It accepts only messages the
 * page's own window posted to itself, and posts only to the page's own origin.
 */

const bridgeId = crypto.randomUUID();
/** Requests sent to the background and not yet answered to the page. */
const waiting = new Set<string>();

function post(message: unknown): void {
  window.postMessage(message, location.origin);
}

function answer(id: string, reply: BridgeReply): void {
  const response: PageResponse =
    'error' in reply ? { type: MessageType.response, id, error: reply.error } : { type: MessageType.response, id, result: reply.result };
  post(response);
}

function refuse(id: string, error: ErrorPayload): void {
  answer(id, { error });
}

/** Fails fast, in the page's process, on what the background would refuse anyway. */
function precheck(method: string, params: unknown): ErrorPayload | null {
  try {
    let size: number;
    try {
      size = JSON.stringify(params ?? null).length;
    } catch {
      throw errors.invalidParams('params', 'must be plain JSON data');
    }
    if (size > MAX_MESSAGE_BYTES) throw errors.invalidParams('params', `must be at most ${MAX_MESSAGE_BYTES} bytes`);
    validateRequest(method, params);
    return null;
  } catch (error) {
    return toErrorPayload(error);
  }
}

async function forward(id: string, method: string, params: unknown): Promise<void> {
  const problem = precheck(method, params);
  if (problem) return refuse(id, problem);
  waiting.add(id);
  let ack: BridgeAck;
  try {
    ack = await background.send({ kind: 'page-request', bridgeId, id, method: method as BridgeRequest['method'], params });
  } catch {
    // The extension was reloaded or disabled, or its worker kept stopping mid-request.
    if (waiting.delete(id)) refuse(id, errors.unavailable().toPayload());
    return;
  }
  if ('pending' in ack) return; // the answer is pushed once the user decides
  // A pushed answer may have settled it first (the user decided before the ack arrived).
  if (waiting.delete(id)) answer(id, ack);
}

/** A late answer, over the port or (after the worker restarted) `tabs.sendMessage`; each id is answered once. */
function receiveResponse(message: Record<string, unknown>): void {
  if (message.bridgeId === bridgeId && typeof message.id === 'string' && waiting.delete(message.id)) {
    answer(message.id, message.reply as BridgeReply);
  }
}

const background = new BackgroundLink(
  () => browser.runtime.connect({ name: PAGE_PORT }),
  (message) => {
    if (isPlainObject(message) && message.kind === 'page-response') receiveResponse(message);
  },
);

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window || event.origin !== location.origin) return;
  if (isPlainObject(event.data) && event.data.type === MessageType.ping)
    return post({ type: MessageType.ready, version: PROTOCOL_VERSION });
  const request = readPageRequest(event.data);
  // A duplicate id is ignored: answering it would settle the first request's promise.
  if (!request || waiting.has(request.id)) return;
  void forward(request.id, request.method, request.params);
});

browser.runtime.onMessage.addListener((message: unknown) => {
  if (!isPlainObject(message)) return undefined;
  switch (message.kind) {
    case 'page-response':
      receiveResponse(message);
      return undefined;
    case 'page-event':
      if (message.origin === location.origin) post({ type: MessageType.event, event: message.event, data: message.data });
      return undefined;
    case 'page-ping':
      return Promise.resolve(message.bridgeId === bridgeId);
    default:
      return undefined;
  }
});

post({ type: MessageType.ready, version: PROTOCOL_VERSION });
