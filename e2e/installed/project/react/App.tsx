/**
 * The integrator's app in React, written against the published packages only:
 * `@grid-wallet/react`'s provider and hooks over the SDK, the same backend relay
 * (../server.mjs) as the plain page.
 */
import { GridWalletProvider, usePayQuote, useGridWallet, useSignInWithOtp } from '@grid-wallet/react';
import { type GridTransport, type Quote, send } from '@grid-wallet/sdk';
import { useState } from 'react';

const transport: GridTransport = async ({ method, path, body, headers }) => {
  const response = await fetch(`/api/grid${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

type Customer = { accountId: string; credentialId: string; email: string };

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

function Wallet() {
  const { state, sessions, connect } = useGridWallet();
  const signIn = useSignInWithOtp();
  const pay = usePayQuote();
  const [customer, setCustomer] = useState<Customer>();

  async function signInWithEmail(email: string) {
    const created: Customer = await (await fetch('/api/customers', { method: 'POST', body: JSON.stringify({ email }) })).json();
    setCustomer(created);
    await signIn.run({ credentialId: created.credentialId, destination: email });
  }

  async function payTwelveFifty(accountId: string, sessionId: string) {
    const { body: quote } = await send<Quote>(transport, {
      method: 'POST',
      path: '/quotes',
      body: {
        source: { sourceType: 'ACCOUNT', accountId },
        destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$alice@uma.example' },
        lockedCurrencySide: 'SENDING',
        lockedCurrencyAmount: 1250,
      },
    });
    await pay.run(quote, { sessionId });
  }

  const session = signIn.result;
  return (
    <main>
      <h1>Integrator React app</h1>
      <p role="status" aria-label="wallet">
        {state}, {sessions.length} session(s)
      </p>
      <button type="button" onClick={() => connect().catch(() => undefined)} disabled={state !== 'disconnected'}>
        Connect wallet
      </button>
      <button
        type="button"
        onClick={() => signInWithEmail('ada@example.com').catch(() => undefined)}
        disabled={state !== 'connected' || signIn.pending}
      >
        Sign in with email code
      </button>
      <p role="status" aria-label="sign-in">
        {signIn.pending
          ? 'Signing in…'
          : session
            ? `Signed in: ${session.sessionId}`
            : signIn.error
              ? `Failed: ${failure(signIn.error)}`
              : ''}
      </p>
      <button
        type="button"
        onClick={() => customer && session && payTwelveFifty(customer.accountId, session.sessionId).catch(() => undefined)}
        disabled={!session || pay.pending}
      >
        Pay 12.50 USD
      </button>
      <p role="status" aria-label="payment">
        {pay.pending ? 'Paying…' : pay.result ? `Paid: ${pay.result.status}` : pay.error ? `Failed: ${failure(pay.error)}` : ''}
      </p>
    </main>
  );
}

export function App() {
  return (
    <GridWalletProvider transport={transport}>
      <Wallet />
    </GridWalletProvider>
  );
}
