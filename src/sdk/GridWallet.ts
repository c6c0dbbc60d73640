import {
  type EventMap,
  type EventName,
  type GridWalletProvider,
  isErrorPayload,
  type MethodName,
  type MethodParams,
  type MethodResults,
  ProviderEvent,
  type ProviderAnnouncement,
} from '../protocol/index.ts';
import { ErrorCode, GridWalletError } from './errors.ts';

type NoParams<M extends MethodName> = MethodParams[M] extends Record<string, never> ? true : false;

/**
 * A typed client for the extension's page protocol. Obtain one with
 * `GridWallet.connect()` (waits for the extension and asks the user to connect)
 * or `GridWallet.detect()` (only finds it).
 */
export class GridWallet {
  constructor(readonly provider: GridWalletProvider) {}

  /** Finds the extension's provider; null if it does not announce itself within `timeoutMs`. */
  static async detect(timeoutMs = 2000): Promise<GridWallet | null> {
    const provider = await findProvider(timeoutMs);
    return provider ? new GridWallet(provider) : null;
  }

  /** Finds the extension and connects this site (the user approves once). */
  static async connect(timeoutMs = 2000): Promise<GridWallet> {
    const wallet = await GridWallet.detect(timeoutMs);
    if (!wallet) throw new GridWalletError({ code: ErrorCode.unavailable, message: 'The Grid Wallet extension is not installed or not enabled' });
    await wallet.request('wallet_connect');
    return wallet;
  }

  /** Any protocol method; errors are thrown as GridWalletError. */
  async request<M extends MethodName>(
    method: M,
    ...[params]: NoParams<M> extends true ? [] : [MethodParams[M]]
  ): Promise<MethodResults[M]> {
    try {
      return await this.provider.request({ method, params: params ?? ({} as MethodParams[M]) });
    } catch (error) {
      throw isErrorPayload(error) ? new GridWalletError(error) : error;
    }
  }

  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): () => void {
    this.provider.on(event, listener);
    return () => this.provider.removeListener(event, listener);
  }

  status = () => this.request('wallet_status');
  disconnect = () => this.request('wallet_disconnect');
  createClientKey = () => this.request('grid_createClientKey');
  collectOtp = (params: MethodParams['grid_collectOtp']) => this.request('grid_collectOtp', params);
  openSession = (params: MethodParams['grid_openSession']) => this.request('grid_openSession', params);
  listSessions = () => this.request('grid_listSessions');
  signPayload = (params: MethodParams['grid_signPayload']) => this.request('grid_signPayload', params);
  endSession = (sessionId: string) => this.request('grid_endSession', { sessionId });
  registerPasskey = (params: MethodParams['grid_registerPasskey']) => this.request('grid_registerPasskey', params);
  getPasskeyAssertion = (params: MethodParams['grid_getPasskeyAssertion']) => this.request('grid_getPasskeyAssertion', params);
  createExportKey = () => this.request('grid_createExportKey');
  showWalletExport = (params: MethodParams['grid_showWalletExport']) => this.request('grid_showWalletExport', params);
}

function findProvider(timeoutMs: number): Promise<GridWalletProvider | null> {
  const existing = (globalThis as { gridWallet?: GridWalletProvider }).gridWallet;
  if (existing?.isGridWallet) return Promise.resolve(existing);
  return new Promise((resolve) => {
    const onAnnounce = (event: Event) => {
      const detail = (event as CustomEvent<ProviderAnnouncement>).detail;
      if (!detail?.provider?.isGridWallet) return;
      finish(detail.provider);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    function finish(provider: GridWalletProvider | null) {
      clearTimeout(timer);
      window.removeEventListener(ProviderEvent.announce, onAnnounce);
      resolve(provider);
    }
    window.addEventListener(ProviderEvent.announce, onAnnounce);
    window.dispatchEvent(new Event(ProviderEvent.request));
  });
}
