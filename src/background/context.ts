import type { MethodName, MethodResults, ParamsOf } from '@grid-wallet/protocol';
import type { ApprovalInput, ApprovalKind, ApprovalMethod, ApprovalView } from '../extension-protocol/internal.ts';
import type { ApprovalQueue } from './approvals/ApprovalQueue.ts';
import type { PageAddress } from './pageAddress.ts';
import type { PageChannel } from './pageChannel.ts';
import type { ActivityLog } from './stores/ActivityLog.ts';
import type { ClientKeyStore } from './stores/ClientKeyStore.ts';
import type { PromptBackoff } from './stores/PromptBackoff.ts';
import type { ConnectionStore } from './stores/ConnectionStore.ts';
import type { ExportKeyStore } from './stores/ExportKeyStore.ts';
import type { PasskeyStore } from './stores/PasskeyStore.ts';
import type { SessionStore } from './stores/SessionStore.ts';
import type { SettingsStore } from './stores/SettingsStore.ts';
import type { StorageTroubles } from './storageTrouble.ts';

/** Everything a method handler may use; built once per worker start in main.ts. */
export interface BackgroundContext {
  clientKeys: ClientKeyStore;
  exportKeys: ExportKeyStore;
  sessions: SessionStore;
  connections: ConnectionStore;
  /** Sites whose connect prompt the user just turned down, paused for a growing while. */
  promptBackoff: PromptBackoff;
  passkeys: PasskeyStore;
  activity: ActivityLog;
  settings: SettingsStore;
  /** The latest storage trouble, noted for the toolbar. */
  storageTroubles: StorageTroubles;
  approvals: ApprovalQueue;
  /** The channel to web pages: late answers and events. */
  pages: PageChannel;
  /** Tells open extension pages (toolbar popup, approval window) to re-read what they show. */
  notifyExtensionPages(): void;
  /** Re-arms the expiry alarm after something with an `expiresAt` was stored. */
  scheduleExpiry(): Promise<void>;
  /** The extension's own origin: the RP ID (and WebAuthn origin) of passkeys made before site RP IDs. */
  extensionOrigin: string;
  /** The origin WebAuthn reports when the extension claims a site's RP ID (core/extensionOrigins.ts). */
  webauthnOrigin: string;
  now(): number;
}

/** One page request, as a handler sees it: the origin is the browser's, the params already validated. */
export interface MethodCall<M extends MethodName> {
  origin: string;
  params: ParamsOf<M>;
  page: PageAddress;
  method: M;
}

/** Returned by a handler whose request now waits in the approval queue. */
export const PENDING = Symbol('pending approval');

export type MethodHandler<M extends MethodName> = (
  ctx: BackgroundContext,
  call: MethodCall<M>,
) => Promise<MethodResults[M] | typeof PENDING>;

/**
 * A method that may ask the user, as one unit: `start` answers the page's request or queues
 * a prompt of kind `K` (methods/ask.ts); `complete` does what the user approved in that
 * prompt and returns the method's result. Typed from extension-protocol/internal.ts's
 * ApprovalKinds, so a completion for another kind's view, input or result does not compile.
 */
export interface PromptingMethod<K extends ApprovalKind> {
  start: MethodHandler<ApprovalMethod<K>>;
  complete: (ctx: BackgroundContext, view: ApprovalView<K>, input: ApprovalInput<K>) => Promise<MethodResults[ApprovalMethod<K>]>;
}
