import {
  type EmailOtpSignIn,
  GridSdkError,
  type GridTransport,
  type GridWallet,
  type PayQuoteOptions,
  payQuote,
  type Quote,
  type SessionInfo,
  signInWithOtp,
} from '@grid-wallet/sdk';
import { useCallback, useState } from 'react';
import { useGridWallet } from './provider.ts';

/** One SDK call as React state: run it, see it pending, read its result or its error. */
export interface Action<A extends unknown[], R> {
  /** Runs the call; resolves with its result, rejects with its error (also kept in `error`). */
  run(...args: A): Promise<R>;
  readonly pending: boolean;
  /** The last run's result, until the next run starts. */
  readonly result: R | undefined;
  /** The last run's error (a GridWalletError, GridApiError or GridSdkError), until the next run starts. */
  readonly error: unknown;
}

/** Wraps an SDK flow that needs the connected wallet and the provider's transport. */
export function useAction<A extends unknown[], R>(
  call: (wallet: GridWallet, transport: GridTransport, ...args: A) => Promise<R>,
): Action<A, R> {
  const { wallet, state, transport } = useGridWallet();
  const [status, setStatus] = useState<{ pending: boolean; result?: R; error?: unknown }>({ pending: false });
  const run = useCallback(
    async (...args: A) => {
      setStatus({ pending: true });
      try {
        if (!wallet || state !== 'connected') throw new GridSdkError('INVALID_ARGUMENT', 'wallet: connect this site first');
        const result = await call(wallet, transport, ...args);
        setStatus({ pending: false, result });
        return result;
      } catch (error) {
        setStatus({ pending: false, error });
        throw error;
      }
    },
    [wallet, state, transport, call],
  );
  return { run, pending: status.pending, result: status.result, error: status.error };
}

/** `signInWithOtp` through the provider: `run({ credentialId, destination })` → the new session. */
export function useSignInWithOtp(): Action<[options: EmailOtpSignIn], SessionInfo> {
  return useAction(signInWithOtp);
}

/** `payQuote` through the provider: `run(quote, { sessionId })` → the quote as Grid last answered. */
export function usePayQuote(): Action<[quote: Quote, options: PayQuoteOptions], Quote> {
  return useAction(payQuote);
}
