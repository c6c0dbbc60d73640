import { type GridTransport, type Quote, send } from '@grid-wallet/sdk';

/**
 * Everything the page asks its backend. Grid calls go through the relay
 * (`/api/grid`), which adds the API token this page never sees; the rest are
 * the backend's own routes (README.md). Errors arrive as `{status, code,
 * message}` and are thrown by the SDK's `send` as GridApiError.
 */
function transportTo(prefix: string): GridTransport {
  return async ({ method, path, body, headers }) => {
    const response = await fetch(`${prefix}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : parseJson(text) };
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What the SDK's flows call Grid through. */
export const grid = transportTo('/api/grid');
const backend = transportTo('/api');

const post = async <T>(path: string, body: Record<string, unknown>): Promise<T> =>
  (await send<T>(backend, { method: 'POST', path, body })).body;

export interface ProvisionedCustomer {
  customer: { id: string; email: string; phoneNumber?: string };
  account: { id: string };
  credential: { id: string };
}

export interface OutboxMessage {
  to: string;
  channel: 'EMAIL' | 'SMS' | 'WHATSAPP';
  code: string;
  credentialId?: string;
  challengeId?: string;
  sentAt: string;
}

export const api = {
  createCustomer: (email: string, phoneNumber: string, scaRequired: boolean) =>
    post<ProvisionedCustomer>('/demo/customers', { email, phoneNumber, ...(scaRequired && { scaRequired }) }),
  outbox: async () => (await send<{ data: OutboxMessage[] }>(backend, { method: 'GET', path: '/demo/outbox' })).body.data,
  /** An emulator-issued OIDC ID token for `email`; `nonce` binds it to a client key (sign-in). */
  oidcToken: async (email: string, nonce?: string) =>
    (await post<{ oidcToken: string }>('/demo/oidc-tokens', { email, ...(nonce !== undefined && { nonce }) })).oidcToken,
  /** A card funded by the customer's wallet (the emulator's stand-in for Grid's card issuing). */
  createCard: (accountId: string) => post<{ id: string; fundingSourceId: string }>('/demo/cards', { accountId }),
  passkeyChallenge: async (accountId: string) => (await post<{ challenge: string }>('/passkey-challenges', { accountId })).challenge,
  startSmsChallenge: (phoneNumber: string, action: string) =>
    post<{ challengeId: string; expiresAt: number }>('/authsignal/challenge', { verificationMethod: 'SMS', action, phoneNumber }),
  verifyChallenge: (challengeId: string, verificationCode: string) =>
    post<{ isVerified: boolean; failureReason?: string }>('/authsignal/verify', { challengeId, verificationCode }),
  /** Grid's createQuote from the customer's embedded wallet to an UMA address, locking what is sent (smallest unit). */
  createQuote: (body: { accountId: string; umaAddress: string; currency: string; sendingAmount: number }) =>
    send<Quote>(grid, {
      method: 'POST',
      path: '/quotes',
      body: {
        source: { sourceType: 'ACCOUNT', accountId: body.accountId },
        destination: { destinationType: 'UMA_ADDRESS', umaAddress: body.umaAddress, currency: body.currency },
        lockedCurrencySide: 'SENDING',
        lockedCurrencyAmount: body.sendingAmount,
      },
    }).then((reply) => reply.body),
};
