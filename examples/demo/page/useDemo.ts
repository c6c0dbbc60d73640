import { useCallback } from 'preact/hooks';
import type { GridWallet, SessionInfo } from '@grid-wallet/sdk';
import type { Customer } from './customer.ts';
import { currentSession, sessionsGoneAtGrid } from './sessions.ts';
import { useAccount } from './useAccount.ts';
import { useExtension } from './useExtension.ts';
import { useLog } from './useLog.ts';

/**
 * The page's whole state, handed to every panel: the extension, the customer's
 * account at Grid, the log, and `run` for actions. After each action both sides
 * are re-read, and sessions Grid has ended are dropped from the extension too.
 */
export function useDemo() {
  const log = useLog();
  const extension = useExtension();
  const account = useAccount();
  const accountId = account.customer?.accountId;
  const current = currentSession(extension.sessions, accountId);

  const sync = useCallback(async () => {
    const [walletSessions, accountSessions] = await Promise.all([extension.refresh(), account.reload()]);
    if (!extension.wallet || !accountSessions || accountId === undefined) return;
    const gone = sessionsGoneAtGrid(walletSessions, accountSessions, accountId);
    if (gone.length === 0) return;
    await Promise.all(gone.map((s) => extension.wallet!.endSession(s.sessionId).catch(() => undefined)));
    log.add('info', `Let go of ${gone.length} session(s) Grid has ended (revoked or expired)`);
    await extension.refresh();
  }, [extension, account, accountId, log.add]);

  const run = useCallback(
    (label: string, action: () => Promise<string>) => void log.run(label, action).then(() => sync().catch(() => undefined)),
    [log.run, sync],
  );

  return {
    extension,
    account,
    current,
    log,
    busy: log.busy !== null,
    run,
    /** The connected wallet, or an error saying what to do first (shown in the status line). */
    needWallet(): GridWallet {
      if (!extension.wallet) throw new Error('Install the Grid Wallet extension first');
      if (!extension.connected) throw new Error('Connect the wallet first');
      return extension.wallet;
    },
    needCustomer(): Customer {
      if (!account.customer) throw new Error('Create a demo customer first');
      return account.customer;
    },
    needSession(): SessionInfo {
      if (!current) throw new Error('Sign in first');
      return current;
    },
  };
}

export type Demo = ReturnType<typeof useDemo>;
