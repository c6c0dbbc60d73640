/**
 * What the docs' browser samples assume, made real in the installed project's app
 * (../server.mjs): the relay transport, a test customer, a connected wallet with a
 * signed-in session, a quote, a signed call's 202. scripts/testInstalledPackages.ts
 * puts run/<context>.ts before each sample that names that context; each value is
 * made once per page, as the sample's reader would have it once.
 */
import { GridWallet, type GridTransport, type Quote, type SignedRequestChallenge, send, signInWithOtp } from '@grid-wallet/sdk';

export const transport: GridTransport = async ({ method, path, body, headers }) => {
  const response = await fetch(`/api/grid${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: response.status === 204 ? null : await response.json() };
};

const once = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

export const customer = once(async (): Promise<{ accountId: string; credentialId: string }> => {
  const created = await fetch('/api/customers', { method: 'POST', body: JSON.stringify({ email: 'ada@example.com' }) });
  return created.json();
});

export const signedIn = once(async () => {
  const wallet = await GridWallet.connect();
  const { credentialId } = await customer();
  const { sessionId } = await signInWithOtp(wallet, transport, { credentialId, destination: 'ada@example.com' });
  return { wallet, sessionId };
});

export const quote = once(async () => {
  const { accountId } = await customer();
  const created = await send<Quote>(transport, {
    method: 'POST',
    path: '/quotes',
    body: {
      source: { sourceType: 'ACCOUNT', accountId },
      destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$alice@uma.example' },
      lockedCurrencySide: 'SENDING',
      lockedCurrencyAmount: 1250,
    },
  });
  return created.body;
});

/** A signed call's first answer: signing out the session, which Grid answers 202 with what to sign. */
export const signedRequest = once(async () => {
  const { sessionId } = await signedIn();
  const path = `/auth/sessions/${encodeURIComponent(sessionId)}`;
  const { body } = await send<SignedRequestChallenge>(transport, { method: 'DELETE', path });
  return { sessionId, payloadToSign: body.payloadToSign, requestId: body.requestId, url: `/api/grid${path}` };
});
