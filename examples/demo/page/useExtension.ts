import { useCallback, useEffect, useState } from 'preact/hooks';
import { GridWallet, type SessionInfo } from '@grid-wallet/sdk';

/**
 * The Grid Wallet extension as this page sees it: found or not, connected or
 * not, and the sessions it holds for this site (kept current by its events).
 */
export type ExtensionPresence = 'looking' | 'missing' | 'found';

export function useExtension() {
  const [presence, setPresence] = useState<ExtensionPresence>('looking');
  const [wallet, setWallet] = useState<GridWallet | null>(null);
  const [connected, setConnected] = useState(false);
  const [sessions, setSessions] = useState<SessionInfo[]>([]);

  const look = useCallback(async () => {
    setPresence('looking');
    const found = await GridWallet.detect();
    setWallet(found);
    setPresence(found ? 'found' : 'missing');
  }, []);
  useEffect(() => void look(), [look]);

  /** Re-reads the connection and the sessions; returns the sessions. */
  const refresh = useCallback(async (): Promise<SessionInfo[]> => {
    if (!wallet) return [];
    const status = await wallet.status();
    setConnected(status.connected);
    setSessions(status.sessions ?? []);
    return status.sessions ?? [];
  }, [wallet]);

  useEffect(() => {
    if (!wallet) return;
    void refresh();
    const offSessions = wallet.on('sessionsChanged', ({ sessions }) => setSessions(sessions));
    const offDisconnected = wallet.on('disconnected', () => {
      setConnected(false);
      setSessions([]);
    });
    return () => {
      offSessions();
      offDisconnected();
    };
  }, [wallet, refresh]);

  return { presence, wallet, connected, sessions, look, refresh };
}
