/**
 * A minimal integrator page written against the published SDK only: connect,
 * sign in with an email code (typed in the extension), pay a Grid quote. Its
 * backend (../server.mjs) holds the Grid API token and relays to Grid.
 */
import { GridWallet, type GridTransport, payQuote, type Quote, send, type SessionInfo, signInWithOtp } from '@grid-wallet/sdk';

const status = document.getElementById('status')!;
const say = (text: string) => {
  status.textContent = text;
};

const transport: GridTransport = async ({ method, path, body, headers }) => {
  const response = await fetch(`/api/grid${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

let wallet: GridWallet | undefined;
let customer: { accountId: string; credentialId: string; email: string } | undefined;
let session: SessionInfo | undefined;
let payments = 0;

function action(id: string, run: () => Promise<string>): void {
  document.getElementById(id)!.addEventListener('click', () => {
    run().then(say, (error: unknown) => say(`Failed: ${error instanceof Error ? error.message : String(error)}`));
  });
}

action('connect', async () => {
  wallet = await GridWallet.connect();
  return 'Connected';
});

action('sign-in', async () => {
  if (!wallet) throw new Error('connect first');
  const email = (document.getElementById('email') as HTMLInputElement).value;
  customer = await (await fetch('/api/customers', { method: 'POST', body: JSON.stringify({ email }) })).json();
  session = await signInWithOtp(wallet, transport, { credentialId: customer!.credentialId, destination: email });
  return `Signed in: ${session.sessionId}`;
});

action('pay', async () => {
  if (!wallet || !session || !customer) throw new Error('sign in first');
  const { body: quote } = await send<Quote>(transport, {
    method: 'POST',
    path: '/quotes',
    body: {
      source: { sourceType: 'ACCOUNT', accountId: customer.accountId },
      destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$alice@uma.example' },
      lockedCurrencySide: 'SENDING',
      lockedCurrencyAmount: 1250,
    },
  });
  const paid = await payQuote(wallet, transport, quote, { sessionId: session.sessionId });
  return `Paid (${++payments}): ${paid.status}`;
});

say('Ready');
