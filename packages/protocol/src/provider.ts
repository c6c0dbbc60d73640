import type { MethodName, MethodParams, MethodResults } from './methods.ts';
import type { EventMap, EventName } from './types.ts';

/** What `window.gridWallet` offers a page (EIP-1193 in shape). */
export interface GridWalletProvider {
  readonly isGridWallet: true;
  readonly version: string;
  request<M extends MethodName>(args: { method: M; params?: MethodParams[M] }): Promise<MethodResults[M]>;
  on<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): void;
  removeListener<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): void;
}

/** `detail` of the `grid-wallet:announceProvider` event (EIP-6963 style). */
export interface ProviderAnnouncement {
  info: { uuid: string; name: string; icon: string; rdns: string };
  provider: GridWalletProvider;
}
