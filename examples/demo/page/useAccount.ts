import { useCallback, useEffect, useState } from 'preact/hooks';
import { type AuthMethod, type AuthSession, listAccountSessions, listCredentials } from '@grid-wallet/sdk';
import { grid } from './api.ts';
import { type Customer, loadCustomer, saveCustomer } from './customer.ts';

/** The demo customer and what Grid says about their account: credentials and active sessions. */
export function useAccount() {
  const [customer, setCustomerState] = useState<Customer | null>(loadCustomer);
  const [credentials, setCredentials] = useState<AuthMethod[]>([]);
  const [sessions, setSessions] = useState<AuthSession[]>([]);

  const setCustomer = useCallback((next: Customer | null) => {
    saveCustomer(next);
    setCustomerState(next);
    setCredentials([]);
    setSessions([]);
  }, []);

  /** Re-reads both lists; null when there is no customer, or Grid no longer knows the account. */
  const reload = useCallback(async (): Promise<AuthSession[] | null> => {
    if (!customer) return null;
    const [nextCredentials, nextSessions] = await Promise.all([
      listCredentials(grid, customer.accountId),
      listAccountSessions(grid, customer.accountId),
    ]);
    // Every account keeps at least one credential, so none means the emulator was restarted.
    if (nextCredentials.length === 0) {
      setCustomer(null);
      return null;
    }
    setCredentials(nextCredentials);
    setSessions(nextSessions);
    return nextSessions;
  }, [customer, setCustomer]);
  useEffect(() => void reload().catch(() => undefined), [reload]);

  return { customer, setCustomer, credentials, sessions, reload };
}
