import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { addPasskey, enclaveKey, latestCode, newAccount, signedCall, signIn, type SignedIn, type TestAccount } from '../testkit/flows.ts';
import { GRID, type Reply, type TestServer } from '../testkit/http.ts';
import { SoftwareAuthenticator } from '../testkit/softwareAuthenticator.ts';
import { newClientKey, stamp } from '../testkit/turnkeyClient.ts';

/**
 * A walk through every emulator route, one stop per route, in order: each stop
 * makes at least one request the route accepts (2xx), so the contract recorder
 * checks that route's request and response against Grid's document. The contract
 * test fails if a route has no stop, or a stop does not reach its route.
 *
 * Adding a route: add a stop here keyed by its `METHOD /template` exactly as
 * `routeKey` prints it (e.g. `POST /grid/2025-10-13/auth/delegated-keys`), after
 * the stops that set up what it needs, and keep anything later stops use in `Walk`.
 */
export interface Walk {
  readonly t: TestServer;
  account?: TestAccount;
  /** A session of the account's EMAIL_OTP credential. */
  email?: SignedIn;
  /** A second session, from refreshing `email`. */
  refreshed?: SignedIn;
  passkey?: { readonly id: string; readonly authenticator: SoftwareAuthenticator };
  quote?: { readonly id: string; readonly payloadToSign: string };
  /** A quote executed by a customer with Strong Customer Authentication, waiting for its code. */
  scaQuote?: { readonly id: string; readonly phoneNumber: string };
  authsignalChallengeId?: string;
  /** A card funded by the account's wallet, and the delegated key made for it. */
  card?: { readonly id: string; readonly fundingSourceId: string };
  delegatedKeyId?: string;
}

export interface TourStop {
  /** `METHOD /template`, as `routeKey` names the route. */
  readonly route: string;
  run(walk: Walk): Promise<void>;
}

function ok(reply: Reply, status = 200): Reply {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  return reply;
}

/** A Grid quote from the account's wallet to an UMA address, with the wallet's payloadToSign. */
async function createQuote(t: TestServer, account: TestAccount): Promise<{ id: string; payloadToSign: string }> {
  const body = {
    source: { sourceType: 'ACCOUNT', accountId: account.accountId },
    destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$alice@uma.example' },
    lockedCurrencySide: 'SENDING',
    lockedCurrencyAmount: 1250,
  };
  const quote = ok(await t.grid('POST', '/quotes', body), 201).body;
  const wallet = quote.paymentInstructions.find((i: any) => i.accountOrWalletInfo.accountType === 'EMBEDDED_WALLET');
  return { id: quote.id, payloadToSign: wallet.accountOrWalletInfo.payloadToSign };
}

const need = <T>(value: T | undefined, what: string): T => {
  if (value === undefined) throw new Error(`tour: an earlier stop must set ${what}`);
  return value;
};

export const ROUTE_TOUR: readonly TourStop[] = [
  {
    route: 'GET /_emulator/health',
    run: async ({ t }) => void ok(await t.admin('GET', '/health')),
  },
  {
    route: 'GET /_emulator/enclave',
    run: async ({ t }) => expect(await enclaveKey(t)).toMatch(/^04[0-9a-f]{128}$/),
  },
  {
    route: 'POST /_emulator/accounts',
    run: async (walk) => {
      walk.account = await newAccount(walk.t);
    },
  },
  {
    route: `POST ${GRID}/auth/credentials/:id/challenge`,
    run: async ({ t, account }) =>
      void ok(await t.grid('POST', `/auth/credentials/${need(account, 'account').emailCredentialId}/challenge`, {})),
  },
  {
    route: 'GET /_emulator/outbox',
    run: async ({ t, account }) => expect(await latestCode(t, need(account, 'account').email)).toMatch(/^\d{6}$/),
  },
  {
    route: `POST ${GRID}/auth/credentials/:id/verify`,
    run: async (walk) => {
      walk.email = await signIn(walk.t, need(walk.account, 'account'));
    },
  },
  {
    route: `POST ${GRID}/auth/credentials`,
    run: async (walk) => {
      const authenticator = new SoftwareAuthenticator();
      const added = ok(
        await addPasskey(walk.t, need(walk.account, 'account').accountId, need(walk.email, 'email').key, authenticator),
        201,
      );
      walk.passkey = { id: added.body.id, authenticator };
    },
  },
  {
    route: `GET ${GRID}/auth/credentials`,
    run: async ({ t, account }) =>
      expect(ok(await t.grid('GET', `/auth/credentials?accountId=${need(account, 'account').accountId}`)).body.data).toHaveLength(2),
  },
  {
    route: 'POST /_emulator/oauth/token',
    run: async ({ t }) =>
      void ok(await t.admin('POST', '/oauth/token', { sub: `tour-${randomBytes(4).toString('hex')}`, email: 'tour@example.com' }), 201),
  },
  {
    route: `GET ${GRID}/auth/sessions`,
    run: async ({ t, account }) =>
      expect(ok(await t.grid('GET', `/auth/sessions?accountId=${need(account, 'account').accountId}`)).body.data).toHaveLength(1),
  },
  {
    route: `POST ${GRID}/auth/sessions/:id/refresh`,
    run: async (walk) => {
      const email = need(walk.email, 'email');
      const key = newClientKey();
      const { result } = await signedCall(
        walk.t,
        'POST',
        `/auth/sessions/${email.session.id}/refresh`,
        { clientPublicKey: key.publicKey },
        email.key,
      );
      walk.refreshed = { session: ok(result, 201).body, key };
    },
  },
  {
    route: `DELETE ${GRID}/auth/credentials/:id`,
    run: async ({ t, passkey, email }) =>
      void ok(
        (await signedCall(t, 'DELETE', `/auth/credentials/${need(passkey, 'passkey').id}`, undefined, need(email, 'email').key)).result,
        204,
      ),
  },
  {
    route: `DELETE ${GRID}/auth/sessions/:id`,
    run: async ({ t, email }) => {
      const { session, key } = need(email, 'email');
      ok((await signedCall(t, 'DELETE', `/auth/sessions/${session.id}`, undefined, key)).result, 204);
    },
  },
  {
    route: `POST ${GRID}/quotes`,
    run: async (walk) => {
      walk.quote = await createQuote(walk.t, need(walk.account, 'account'));
    },
  },
  {
    route: `GET ${GRID}/quotes/:id`,
    run: async ({ t, quote }) => expect(ok(await t.grid('GET', `/quotes/${need(quote, 'quote').id}`)).body.status).toBe('PENDING'),
  },
  {
    route: `POST ${GRID}/quotes/:id/execute`,
    run: async ({ t, quote, refreshed }) => {
      const { id, payloadToSign } = need(quote, 'quote');
      const headers = {
        'Grid-Wallet-Signature': await stamp(payloadToSign, need(refreshed, 'refreshed').key),
        'Idempotency-Key': 'tour-1',
      };
      expect(ok(await t.grid('POST', `/quotes/${id}/execute`, undefined, headers)).body.status).toBe('COMPLETED');
    },
  },
  {
    // A customer with Strong Customer Authentication: execute waits for a code.
    route: `POST ${GRID}/quotes/:id/authorize/resend`,
    run: async (walk) => {
      const account = await newAccount(walk.t, { scaRequired: true });
      const { key } = await signIn(walk.t, account);
      const { id, payloadToSign } = await createQuote(walk.t, account);
      const headers = { 'Grid-Wallet-Signature': await stamp(payloadToSign, key), 'Idempotency-Key': 'tour-sca' };
      expect(ok(await walk.t.grid('POST', `/quotes/${id}/execute`, undefined, headers)).body.status).toBe('PENDING_AUTHORIZATION');
      ok(await walk.t.grid('POST', `/quotes/${id}/authorize/resend`), 204);
      walk.scaQuote = { id, phoneNumber: account.phoneNumber };
    },
  },
  {
    route: `POST ${GRID}/quotes/:id/authorize`,
    run: async ({ t, scaQuote }) => {
      const { id, phoneNumber } = need(scaQuote, 'scaQuote');
      expect(ok(await t.grid('POST', `/quotes/${id}/authorize`, { code: await latestCode(t, phoneNumber) })).body.status).toBe('COMPLETED');
    },
  },
  {
    route: `POST ${GRID}/internal-accounts/:id/export`,
    run: async ({ t, account, refreshed }) => {
      const body = { clientPublicKey: newClientKey().publicKeyUncompressed };
      const { result } = await signedCall(
        t,
        'POST',
        `/internal-accounts/${need(account, 'account').accountId}/export`,
        body,
        need(refreshed, 'refreshed').key,
      );
      expect(ok(result).body.encryptedWalletCredentials).toEqual(expect.any(String));
    },
  },
  {
    route: 'GET /_emulator/accounts/:id/wallet',
    run: async ({ t, account }) =>
      expect(ok(await t.admin('GET', `/accounts/${need(account, 'account').accountId}/wallet`)).body.mnemonic.split(' ')).toHaveLength(12),
  },
  {
    route: `PATCH ${GRID}/internal-accounts/:id`,
    run: async ({ t, account, refreshed }) => {
      const { result } = await signedCall(
        t,
        'PATCH',
        `/internal-accounts/${need(account, 'account').accountId}`,
        { privateEnabled: true },
        need(refreshed, 'refreshed').key,
      );
      expect(ok(result).body.privateEnabled).toBe(true);
    },
  },
  {
    route: `PATCH ${GRID}/customers/:id`,
    run: async ({ t, account, refreshed }) => {
      const email = `tour-${randomBytes(4).toString('hex')}@example.com`;
      const body = { customerType: 'INDIVIDUAL', email };
      const { result } = await signedCall(
        t,
        'PATCH',
        `/customers/${need(account, 'account').customerId}`,
        body,
        need(refreshed, 'refreshed').key,
      );
      expect(ok(result).body.email).toBe(email);
    },
  },
  {
    // After the contact change above: the fault makes the account's next change fail.
    route: 'POST /_emulator/faults/credential-sync',
    run: async ({ t, account }) =>
      void ok(await t.admin('POST', '/faults/credential-sync', { customerId: need(account, 'account').customerId }), 204),
  },
  {
    route: 'POST /_emulator/cards',
    run: async (walk) => {
      walk.card = ok(await walk.t.admin('POST', '/cards', { accountId: need(walk.account, 'account').accountId }), 201).body;
    },
  },
  {
    // Three legs: unsigned → 202 (the key's identity) → stamped → 202 (its policy) → stamped → 201.
    route: `POST ${GRID}/auth/delegated-keys`,
    run: async (walk) => {
      const body = {
        cardId: need(walk.card, 'card').id,
        internalAccountId: need(walk.account, 'account').accountId,
        nickname: 'Tour card key',
      };
      const key = need(walk.refreshed, 'refreshed').key;
      let reply = ok(await walk.t.grid('POST', '/auth/delegated-keys', body), 202);
      for (const status of [202, 201]) {
        const headers = { 'Grid-Wallet-Signature': await stamp(reply.body.payloadToSign, key), 'Request-Id': reply.body.requestId };
        reply = ok(await walk.t.grid('POST', '/auth/delegated-keys', body, headers), status);
      }
      walk.delegatedKeyId = reply.body.id;
    },
  },
  {
    route: `GET ${GRID}/auth/delegated-keys`,
    run: async ({ t, account }) =>
      expect(ok(await t.grid('GET', `/auth/delegated-keys?accountId=${need(account, 'account').accountId}`)).body.data).toHaveLength(1),
  },
  {
    route: `GET ${GRID}/auth/delegated-keys/:id`,
    run: async ({ t, delegatedKeyId }) =>
      expect(ok(await t.grid('GET', `/auth/delegated-keys/${need(delegatedKeyId, 'delegatedKeyId')}`)).body.status).toBe('ACTIVE'),
  },
  {
    route: `DELETE ${GRID}/auth/delegated-keys/:id`,
    run: async ({ t, delegatedKeyId }) =>
      void ok(await t.grid('DELETE', `/auth/delegated-keys/${need(delegatedKeyId, 'delegatedKeyId')}`), 204),
  },
  {
    route: 'POST /_emulator/clock',
    run: async ({ t }) => void ok(await t.admin('POST', '/clock', { advanceSeconds: 1 })),
  },
  {
    route: 'POST /v1/challenge',
    run: async (walk) => {
      const body = { verificationMethod: 'EMAIL_OTP', action: 'tour', email: need(walk.account, 'account').email };
      walk.authsignalChallengeId = ok(await walk.t.request('POST', '/v1/challenge', { body, auth: 'authsignal' })).body.challengeId;
    },
  },
  {
    route: 'POST /v1/verify',
    run: async ({ t, account, authsignalChallengeId }) => {
      const body = {
        challengeId: need(authsignalChallengeId, 'authsignalChallengeId'),
        verificationCode: await latestCode(t, need(account, 'account').email),
      };
      expect(ok(await t.request('POST', '/v1/verify', { body, auth: 'authsignal' })).body.isVerified).toBe(true);
    },
  },
  {
    // Last: it forgets everything the stops before it made.
    route: 'POST /_emulator/reset',
    run: async ({ t }) => void ok(await t.admin('POST', '/reset'), 204),
  },
];
