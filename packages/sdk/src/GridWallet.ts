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
} from '@grid-wallet/protocol';
import { ErrorCode, GridWalletError } from './errors.ts';

type NoParams<M extends MethodName> = MethodParams[M] extends Record<string, never> ? true : false;

/**
 * A typed client for the extension's page protocol. Obtain one with
 * `GridWallet.connect()` (waits for the extension and asks the user to connect)
 * or `GridWallet.detect()` (only finds it).
 */
export class GridWallet {
  /**
   * Wraps a provider directly; most pages use `connect()` or `detect()` instead.
   * @param provider The extension's `window.gridWallet` provider.
   */
  constructor(readonly provider: GridWalletProvider) {}

  /**
   * Finds the extension's provider; null if it does not announce itself within `timeoutMs`. Never prompts.
   * @param timeoutMs How long to wait for the announcement, in milliseconds.
   */
  static async detect(timeoutMs = 2000): Promise<GridWallet | null> {
    const provider = await findProvider(timeoutMs);
    return provider ? new GridWallet(provider) : null;
  }

  /**
   * Finds the extension and connects this site (the user approves once; no prompt if already connected).
   * Rejects with 4900 when the extension is not found, 4001 when the user declines (or declined this
   * site recently), 4408 when the prompt times out.
   * @param timeoutMs How long to wait for the extension to announce itself, in milliseconds.
   */
  static async connect(timeoutMs = 2000): Promise<GridWallet> {
    const wallet = await GridWallet.detect(timeoutMs);
    if (!wallet)
      throw new GridWalletError({ code: ErrorCode.unavailable, message: 'The Grid Wallet extension is not installed or not enabled' });
    await wallet.request('wallet_connect');
    return wallet;
  }

  /**
   * Any protocol method; errors are thrown as GridWalletError.
   * @param method The method's name, e.g. `'wallet_status'`.
   * @returns The method's result (see MethodResults).
   */
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

  /**
   * Subscribes to an event; returns the function that unsubscribes.
   * @param event `'sessionsChanged'` or `'disconnected'`.
   * @param listener Called with the event's data.
   */
  on<E extends EventName>(event: E, listener: (data: EventMap[E]) => void): () => void {
    this.provider.on(event, listener);
    return () => this.provider.removeListener(event, listener);
  }

  /** Whether this site is connected, the extension's version, and (when connected) its sessions and passkeys here. Never prompts. */
  status = () => this.request('wallet_status');
  /** Disconnects this site: forgets its client keys, sessions and passkey records and withdraws its waiting prompts (they reject with 4100). Never prompts. */
  disconnect = () => this.request('wallet_disconnect');
  /**
   * Makes a single-use P-256 client key for this site (no prompt) and returns its id and public key,
   * to send to Grid as `clientPublicKey`. Rejects with 4100 if the site is not connected.
   */
  createClientKey = () => this.request('grid_createClientKey');
  /**
   * Prompts the user to type a one-time code in the extension. With `otpEncryptionTargetBundle`
   * the code is sealed to Grid's enclave and only `encryptedOtpBundle` comes back; without it the
   * plaintext `otp` does; `{resend: true}` when the user asks for a new code.
   * Rejects with 4001 (declined), 4408 (prompt timed out), 4404 (client key unknown, used or expired),
   * -32002 (an identical prompt already waits), -32602 (bad params) or 4100 (not connected).
   */
  collectOtp = (params: MethodParams['grid_collectOtp']) => this.request('grid_collectOtp', params);
  /**
   * Stores a Grid session in the extension, keyed by the client key it was issued to (which is spent);
   * no prompt. Rejects with 4404 (client key unknown, used or expired), 4422 (`encryptedSessionSigningKey`
   * did not open), -32602 (bad params, `expiresAt` past or over 24 h ahead, session id taken) or 4100.
   */
  openSession = (params: MethodParams['grid_openSession']) => this.request('grid_openSession', params);
  /** This site's sessions held in the extension (never prompts; 4100 if not connected). */
  listSessions = () => this.request('grid_listSessions');
  /**
   * Stamps a Grid `payloadToSign` with a session or client key and returns the `Grid-Wallet-Signature`
   * value. Prompts unless a signing grant or the client key's one post-OTP signature covers the payload.
   * Rejects with 4001, 4408, -32002, 4404 (key unknown, expired or replaced while the prompt waited),
   * 4100 (not connected, or the payload gives a key this wallet does not hold) or -32602.
   */
  signPayload = (params: MethodParams['grid_signPayload']) => this.request('grid_signPayload', params);
  /**
   * Forgets a session's key in the extension (Grid is not told; see `revokeSession`). No prompt.
   * @param sessionId The session to end.
   * @returns null; rejects with 4404 if this site holds no such session.
   */
  endSession = (sessionId: string) => this.request('grid_endSession', { sessionId });
  /**
   * Prompts the user to create a passkey for this site and returns the attestation to send to Grid
   * as a PASSKEY credential. Rejects with 4001, 4408, -32002, -32602 or 4100.
   */
  registerPasskey = (params: MethodParams['grid_registerPasskey']) => this.request('grid_registerPasskey', params);
  /**
   * Prompts the user to sign a Grid passkey challenge with a passkey this site created. Rejects with
   * 4404 (no passkey of this site has that credential id), 4001, 4408, -32002, -32602 or 4100.
   */
  getPasskeyAssertion = (params: MethodParams['grid_getPasskeyAssertion']) => this.request('grid_getPasskeyAssertion', params);
  /** Makes a single-use export key (no prompt); send its `publicKey` as the wallet export's `clientPublicKey`. 4100 if not connected. */
  createExportKey = () => this.request('grid_createExportKey');
  /**
   * Opens Grid's sealed wallet export in the extension's own window, where the user reads the recovery
   * phrase; resolves with `{shown: true}` once they close it. Rejects with 4422 (the credentials did not
   * open with that export key), -32602 (export key unknown or not approved), 4001, 4408, -32002 or 4100.
   */
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
