import type { ErrorPayload } from './errors.ts';
import type { MethodName } from './methods.ts';
import { isPlainObject } from './validate.ts';
import type { EventMap, EventName } from './types.ts';

/**
 * The envelopes that cross `window.postMessage` (page ↔ content script) and
 * the `runtime.connect` port (content script ↔ background; pushes that find no
 * port fall back to `tabs.sendMessage`).
 */

export const PROTOCOL_VERSION = '1.0.0';

export const MessageType = {
  request: 'grid-wallet/request',
  response: 'grid-wallet/response',
  event: 'grid-wallet/event',
  ready: 'grid-wallet/ready',
  ping: 'grid-wallet/ping',
} as const;

/** EIP-6963-style discovery events on `window`. */
export const ProviderEvent = {
  announce: 'grid-wallet:announceProvider',
  request: 'grid-wallet:requestProvider',
} as const;

export const MAX_REQUEST_ID_LENGTH = 128;
/** A whole request larger than this (as JSON) is refused before it leaves the page's realm. */
export const MAX_MESSAGE_BYTES = 256 * 1024;

export interface PageRequest {
  type: typeof MessageType.request;
  id: string;
  method: string;
  params?: unknown;
}

export type PageResponse =
  | { type: typeof MessageType.response; id: string; result: unknown }
  | { type: typeof MessageType.response; id: string; error: ErrorPayload };

/**
 * Reads a page request envelope, or null when `data` is not one. Only the
 * envelope is checked here; the method and params are validated by ./methods.ts.
 */
export function readPageRequest(data: unknown): PageRequest | null {
  if (!isPlainObject(data) || data.type !== MessageType.request) return null;
  const { id, method } = data;
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_REQUEST_ID_LENGTH) return null;
  if (typeof method !== 'string' || method.length > 64) return null;
  return { type: MessageType.request, id, method, params: data.params };
}

// ---- content script ↔ background ----

/** The name of the long-lived port a content script opens to the background. */
export const PAGE_PORT = 'grid-wallet/page';

/** Sent by the content script for one page request. */
export interface BridgeRequest {
  kind: 'page-request';
  /** Random per document: answers pushed later reach only the document that asked. */
  bridgeId: string;
  id: string;
  method: MethodName;
  params: unknown;
  /**
   * Set when the content script sends the request again because the background
   * stopped before acknowledging it: an approval already queued for it is kept, not doubled.
   */
  retry?: true;
}

/** The final answer to a request. */
export type BridgeReply = { result: unknown } | { error: ErrorPayload };

/**
 * The background's immediate answer: the final reply, or `pending` when the
 * request waits for the user; that answer is then pushed as a BridgeResponse,
 * so a service-worker restart in between loses nothing.
 */
export type BridgeAck = BridgeReply | { pending: true };

/** The background's immediate answer to one BridgeRequest, over the port it came on. */
export interface BridgeAckMessage {
  kind: 'page-ack';
  id: string;
  ack: BridgeAck;
}

/** Asked by the background after a tab navigated: is the document that made this request still there? */
export interface BridgePing {
  kind: 'page-ping';
  bridgeId: string;
}

/** Pushed by the background to a content script with the answer to a pending request. */
export interface BridgeResponse {
  kind: 'page-response';
  bridgeId: string;
  id: string;
  reply: BridgeReply;
}

/** Pushed by the background to a tab's content script. */
export interface BridgeEvent<E extends EventName = EventName> {
  kind: 'page-event';
  /** The content script drops an event whose origin is not its page's (the tab may have navigated). */
  origin: string;
  event: E;
  data: EventMap[E];
}
