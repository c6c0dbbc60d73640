import { GridSdkError, GridWallet, type GridTransport, type SessionInfo } from '@grid-wallet/sdk';
import { createContext, createElement, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';

/**
 * - `detecting`: looking for the extension (until it announces itself or `detectTimeoutMs` passes)
 * - `unavailable`: no extension in this browser
 * - `disconnected`: the extension is there; this site is not connected (call `connect`)
 * - `connecting`: the customer is being asked to connect this site
 * - `connected`: `wallet` may sign in, sign and pay
 */
export type ConnectionState = 'detecting' | 'unavailable' | 'disconnected' | 'connecting' | 'connected';

export interface GridWalletState {
  readonly state: ConnectionState;
  /** The SDK client once the extension was found; its methods prompt only when connected. */
  readonly wallet: GridWallet | null;
  /** This site's sessions in the extension, as its `sessionsChanged` events report them. */
  readonly sessions: readonly SessionInfo[];
  /** Your relay's transport, as given to the provider. */
  readonly transport: GridTransport;
  /** Asks the customer to connect this site; rejects as `GridWallet.connect` does (4001 declined, 4900 no extension). */
  connect(): Promise<GridWallet>;
  /** Disconnects this site: the extension forgets its keys and sessions. */
  disconnect(): Promise<void>;
}

export interface GridWalletProviderProps {
  /** Sends one Grid request through your backend relay (docs/integrator-guide.md §3). */
  readonly transport: GridTransport;
  /** How long to wait for the extension to announce itself. Default 2000 ms. */
  readonly detectTimeoutMs?: number;
  readonly children?: ReactNode;
}

const GridWalletContext = createContext<GridWalletState | null>(null);

/** Finds the extension once, reads this site's status, and follows its session and disconnect events. */
export function GridWalletProvider({ transport, detectTimeoutMs = 2000, children }: GridWalletProviderProps) {
  const [wallet, setWallet] = useState<GridWallet | null>(null);
  const [state, setState] = useState<ConnectionState>('detecting');
  const [sessions, setSessions] = useState<readonly SessionInfo[]>([]);

  useEffect(() => {
    let live = true;
    const unsubscribe: (() => void)[] = [];
    void GridWallet.detect(detectTimeoutMs).then(async (found) => {
      if (!live) return;
      if (!found) return setState('unavailable');
      unsubscribe.push(
        found.on('sessionsChanged', ({ sessions }) => live && setSessions(sessions)),
        found.on('disconnected', () => {
          if (!live) return;
          setState('disconnected');
          setSessions([]);
        }),
      );
      const status = await found.status();
      if (!live) return;
      setWallet(found);
      setSessions(status.sessions ?? []);
      setState(status.connected ? 'connected' : 'disconnected');
    });
    return () => {
      live = false;
      for (const stop of unsubscribe) stop();
    };
  }, [detectTimeoutMs]);

  const connect = useCallback(async () => {
    if (!wallet)
      throw new GridSdkError(
        'INVALID_ARGUMENT',
        `connect: the extension is ${state === 'detecting' ? 'still being looked for' : 'not available'}`,
      );
    setState('connecting');
    try {
      await wallet.request('wallet_connect');
    } catch (error) {
      setState('disconnected');
      throw error;
    }
    setSessions((await wallet.status()).sessions ?? []);
    setState('connected');
    return wallet;
  }, [wallet, state]);

  const disconnect = useCallback(async () => {
    await wallet?.disconnect();
    setSessions([]);
    setState(wallet ? 'disconnected' : 'unavailable');
  }, [wallet]);

  const value = useMemo(
    () => ({ state, wallet, sessions, transport, connect, disconnect }),
    [state, wallet, sessions, transport, connect, disconnect],
  );
  return createElement(GridWalletContext.Provider, { value }, children);
}

/** The provider's state; throws a GridSdkError outside a `<GridWalletProvider>`. */
export function useGridWallet(): GridWalletState {
  const value = useContext(GridWalletContext);
  if (!value) throw new GridSdkError('INVALID_ARGUMENT', 'useGridWallet: call it inside a <GridWalletProvider>');
  return value;
}
