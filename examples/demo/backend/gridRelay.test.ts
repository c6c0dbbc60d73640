import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  latestCode,
  newAccount,
  signedCall,
  signIn,
  signInWithEncryptedOtp,
  signInWithSeedOtp,
} from '../../../packages/emulator/src/testkit/flows.ts';
import { SoftwareAuthenticator } from '../../../packages/emulator/src/testkit/softwareAuthenticator.ts';
import { stamp } from '../../../packages/emulator/src/testkit/turnkeyClient.ts';
import { expectError, startTestbed, type Testbed } from './testbed.ts';

/** The Grid relay against a real emulator: the emulator's own client flows, run through the backend. */
let t: Testbed;
beforeAll(async () => {
  t = await startTestbed();
});
afterAll(() => t.close());

describe('relaying Grid calls', () => {
  it('adds the API token (the page sends none) and passes Grid’s status and body back', async () => {
    const account = await newAccount(t.emulator);
    const listed = await t.api('GET', `/api/grid/auth/credentials?accountId=${account.accountId}`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual((await t.emulator.grid('GET', `/auth/credentials?accountId=${account.accountId}`)).body);
    // Grid's errors come back as Grid sent them.
    const missing = await t.api('POST', '/api/grid/auth/credentials/AuthMethod:00000000-0000-4000-8000-000000000000/challenge', {
      body: {},
    });
    expectError(missing, 404, 'REFERENCE_NOT_FOUND');
    // A caller's own Authorization is not what reaches Grid.
    const withOwn = await t.api('GET', `/api/grid/auth/sessions?accountId=${account.accountId}`, {
      headers: { Authorization: 'Basic bm9wZTpub3Bl' },
    });
    expect(withOwn.status).toBe(200);
  });

  it('forwards Grid-Wallet-Signature and Request-Id: both OTP flows, refresh and sign-out (204) work through it', async () => {
    const account = await newAccount(t.emulator);
    const legacy = await signInWithSeedOtp(t.relayed, account.emailCredentialId, account.email);
    const current = await signInWithEncryptedOtp(t.relayed, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
    const refreshed = await signedCall(
      t.relayed,
      'POST',
      `/auth/sessions/${current.session.id}/refresh`,
      { clientPublicKey: current.key.publicKey },
      current.key,
    );
    expect(refreshed.result.status).toBe(201);
    const signOut = await signedCall(t.relayed, 'DELETE', `/auth/sessions/${legacy.session.id}`, undefined, legacy.key);
    expect(signOut.result).toMatchObject({ status: 204, body: undefined });
    const active = (await t.api('GET', `/api/grid/auth/sessions?accountId=${account.accountId}`)).body.data.map((s: any) => s.id);
    expect(active.sort()).toEqual([current.session.id, refreshed.result.body.id].sort());
  });

  it('relays a Grid quote, its execution (forwarding Idempotency-Key) and its SCA authorization', async () => {
    const account = await newAccount(t.emulator, { scaRequired: true });
    const { key } = await signInWithEncryptedOtp(t.relayed, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
    const body = {
      source: { sourceType: 'ACCOUNT', accountId: account.accountId },
      destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$ada@uma.example' },
      lockedCurrencySide: 'SENDING',
      lockedCurrencyAmount: 1250,
    };
    const quote = await t.api('POST', '/api/grid/quotes', { body });
    expect(quote.status).toBe(201);
    expect((await t.api('GET', `/api/grid/quotes/${quote.body.id}`)).body).toEqual(quote.body);
    const payloadToSign = quote.body.paymentInstructions[0].accountOrWalletInfo.payloadToSign;
    const headers = { 'Grid-Wallet-Signature': await stamp(payloadToSign, key), 'Idempotency-Key': 'pay-1' };
    const executed = await t.api('POST', `/api/grid/quotes/${quote.body.id}/execute`, { headers });
    expect(executed.body).toMatchObject({ status: 'PENDING_AUTHORIZATION', feesIncluded: 10 });
    expect((await t.api('POST', `/api/grid/quotes/${quote.body.id}/execute`, { headers })).body).toEqual(executed.body);
    const other = { ...headers, 'Idempotency-Key': 'pay-2' };
    expectError(await t.api('POST', `/api/grid/quotes/${quote.body.id}/execute`, { headers: other }), 409, 'CONFLICT');
    expect((await t.api('POST', `/api/grid/quotes/${quote.body.id}/authorize/resend`)).status).toBe(204);
    const code = await latestCode(t.emulator, account.phoneNumber);
    const authorized = await t.api('POST', `/api/grid/quotes/${quote.body.id}/authorize`, { body: { code } });
    expect(authorized.body).toMatchObject({ id: quote.body.id, status: 'COMPLETED' });
  });
});

describe('passkey registration challenges', () => {
  it('are issued per account and accepted once', async () => {
    const account = await newAccount(t.emulator);
    const { key } = await signIn(t.relayed, account);
    const issued = await t.api('POST', '/api/passkey-challenges', { body: { accountId: account.accountId } });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
    const { challenge } = issued.body;
    const register = () => {
      const attestation = new SoftwareAuthenticator().register(Buffer.from(challenge, 'base64url'));
      return { type: 'PASSKEY', accountId: account.accountId, nickname: 'Demo passkey', challenge, attestation };
    };
    const added = await signedCall(t.relayed, 'POST', '/auth/credentials', register(), key);
    expect(added.result.status, JSON.stringify(added.result.body)).toBe(201);
    // Used: refused here, before Grid sees it.
    const again = await t.api('POST', '/api/grid/auth/credentials', { body: register() });
    expectError(again, 400, 'INVALID_INPUT');
    expect(again.body.message).toMatch(/^challenge:/);
  });

  it('refuses a challenge this backend did not issue, or issued for another account', async () => {
    const [mine, other] = [await newAccount(t.emulator), await newAccount(t.emulator)];
    const { challenge } = (await t.api('POST', '/api/passkey-challenges', { body: { accountId: other.accountId } })).body;
    for (const candidate of [challenge, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      const attestation = new SoftwareAuthenticator().register(Buffer.from(candidate, 'base64url'));
      const body = { type: 'PASSKEY', accountId: mine.accountId, nickname: 'k', challenge: candidate, attestation };
      expectError(await t.api('POST', '/api/grid/auth/credentials', { body }), 400, 'INVALID_INPUT');
    }
  });
});

describe('relaying to real Grid (GRID_BASE_URL)', () => {
  it('sends the configured token and only the headers that matter to the configured URL; demo helpers are off', async () => {
    const seen: { method?: string; url?: string; headers?: IncomingHttpHeaders; body?: string } = {};
    const grid = createServer((req, res) => {
      let body = '';
      req
        .on('data', (chunk) => (body += chunk))
        .on('end', () => {
          Object.assign(seen, { method: req.method, url: req.url, headers: req.headers, body });
          res.writeHead(202, { 'Content-Type': 'application/json' }).end('{"payloadToSign":"p","requestId":"Request:x","expiresAt":"t"}');
        });
    });
    await new Promise<void>((resolve) => grid.listen(0, '127.0.0.1', resolve));
    const real = await startTestbed({
      GRID_BASE_URL: `http://127.0.0.1:${(grid.address() as AddressInfo).port}/`,
      GRID_API_TOKEN_ID: 'live-id',
      GRID_API_TOKEN_SECRET: 'live-secret',
    });
    try {
      const credential = 'AuthMethod:00000000-0000-4000-8000-000000000001';
      const requestId = 'Request:00000000-0000-4000-8000-000000000002';
      const reply = await real.api('DELETE', `/api/grid/auth/credentials/${encodeURIComponent(credential)}`, {
        headers: { 'Grid-Wallet-Signature': 'c3RhbXA', 'Request-Id': requestId, Cookie: 'session=1', 'X-Forwarded-For': '10.0.0.1' },
      });
      expect(reply).toMatchObject({ status: 202, body: { payloadToSign: 'p' } });
      expect(seen).toMatchObject({
        method: 'DELETE',
        url: `/grid/2025-10-13/auth/credentials/${encodeURIComponent(credential)}`,
        body: '',
      });
      expect(seen.headers).toMatchObject({
        authorization: `Basic ${Buffer.from('live-id:live-secret').toString('base64')}`,
        'grid-wallet-signature': 'c3RhbXA',
        'request-id': requestId,
      });
      expect(seen.headers).not.toHaveProperty('cookie');
      expect(seen.headers).not.toHaveProperty('x-forwarded-for');
      expectError(await real.api('GET', '/api/demo/outbox'), 501, 'EMULATOR_ONLY');
      expectError(await real.api('POST', '/api/demo/customers', { body: { email: 'a@b.co' } }), 501, 'EMULATOR_ONLY');
    } finally {
      await real.close();
      grid.close();
    }
  });
});
