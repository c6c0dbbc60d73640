import {
  ErrorCode,
  errors,
  type GridWalletProvider,
  isErrorPayload,
  MessageType,
  type MethodName,
  type MethodParams,
  type MethodResults,
  PROTOCOL_VERSION,
  type ProviderAnnouncement,
  ProviderError,
  ProviderEvent,
} from '@grid-wallet/protocol';
import { isPlainObject } from '@grid-wallet/protocol/validate';
import iconUrl from '../popup/assets/icon.svg?inline';

/**
 * The in-page provider `window.gridWallet` (main world). It only speaks the
 * postMessage protocol to the content script; it holds no keys and no state
 * beyond the promises of its own pending requests.
 */

const PROVIDER_INFO = Object.freeze({
  uuid: crypto.randomUUID(),
  name: 'Grid Wallet Authenticator',
  icon: iconUrl,
  rdns: 'dev.grid-wallet.authenticator',
});

/** A backstop: every prompt times out after 5 minutes, so no answer after 6 means the extension went away. */
const REQUEST_DEADLINE_MS = 6 * 60_000;

function install(): void {
  if ('gridWallet' in window) return;
  const pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Map<string, Set<(data: unknown) => void>>();

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.source !== window || event.origin !== location.origin || !isPlainObject(event.data)) return;
    const data = event.data;
    if (data.type === MessageType.response && typeof data.id === 'string') {
      const request = pending.get(data.id);
      if (!request) return;
      pending.delete(data.id);
      if (isErrorPayload(data.error)) request.reject(new ProviderError(data.error.code, data.error.message, data.error.data));
      else request.resolve(data.result);
    } else if (data.type === MessageType.event && typeof data.event === 'string') {
      for (const listener of listeners.get(data.event) ?? []) {
        try {
          listener(data.data);
        } catch (error) {
          console.error(error); // one page listener's bug must not stop the others
        }
      }
    }
  });

  const provider: GridWalletProvider = {
    isGridWallet: true,
    version: PROTOCOL_VERSION,
    request<M extends MethodName>({ method, params }: { method: M; params?: MethodParams[M] }): Promise<MethodResults[M]> {
      return new Promise((resolve, reject) => {
        const id = crypto.randomUUID();
        const timer = setTimeout(() => {
          if (pending.delete(id)) reject(new ProviderError(ErrorCode.unavailable, 'The wallet extension did not answer; reload the page'));
        }, REQUEST_DEADLINE_MS);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as MethodResults[M]);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        try {
          window.postMessage({ type: MessageType.request, id, method, params: params ?? {} }, location.origin);
        } catch {
          // Not structured-cloneable (functions, DOM nodes, absurd nesting): it never leaves the page.
          pending.get(id)?.reject(errors.invalidParams('params', 'must be plain JSON data'));
          pending.delete(id);
        }
      });
    },
    on(event, listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener as (data: unknown) => void);
    },
    removeListener(event, listener) {
      listeners.get(event)?.delete(listener as (data: unknown) => void);
    },
  };
  Object.freeze(provider);

  Object.defineProperty(window, 'gridWallet', { value: provider, enumerable: true, configurable: false, writable: false });
  const announce = () =>
    window.dispatchEvent(
      new CustomEvent(ProviderEvent.announce, { detail: Object.freeze({ info: PROVIDER_INFO, provider } satisfies ProviderAnnouncement) }),
    );
  window.addEventListener(ProviderEvent.request, announce);
  announce();
}

install();
