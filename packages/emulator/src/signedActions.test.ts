import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, signedCall, signInWithEncryptedOtp, type TestAccount } from './testkit/flows.ts';
import { startEmulator, type Reply, type TestServer } from './testkit/http.ts';
import { type ClientKey, stamp } from './testkit/turnkeyClient.ts';

/** PATCH /customers/{id} contact changes and /auth/delegated-keys, driven with Turnkey's own stamper. */
let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

async function signedIn(): Promise<{ account: TestAccount; customerId: string; key: ClientKey }> {
  const email = `user-${crypto.randomUUID()}@example.com`;
  const phoneNumber = `+6427${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  const provisioned = await t.admin('POST', '/accounts', { email, phoneNumber });
  const account = {
    accountId: provisioned.body.account.id,
    customerId: provisioned.body.customer.id,
    emailCredentialId: provisioned.body.credential.id,
    email,
    phoneNumber,
  };
  const { key } = await signInWithEncryptedOtp(t, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: email });
  return { account, customerId: provisioned.body.customer.id, key };
}

function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toMatchObject({ status, code, message: expect.any(String) });
}

describe('PATCH /customers/{id}: email change', () => {
  it('is a signed retry (ACTIVITY_TYPE_UPDATE_USER_EMAIL) that updates the customer and the EMAIL_OTP credential', async () => {
    const { account, customerId, key } = await signedIn();
    const email = `new-${crypto.randomUUID()}@example.com`;
    const { challenge, result } = await signedCall(t, 'PATCH', `/customers/${customerId}`, { customerType: 'INDIVIDUAL', email }, key);
    expect(JSON.parse(challenge.body.payloadToSign)).toMatchObject({
      type: 'ACTIVITY_TYPE_UPDATE_USER_EMAIL',
      parameters: { userEmail: email },
    });
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toMatchObject({ id: customerId, customerType: 'INDIVIDUAL', email });
    const credentials = await t.grid('GET', `/auth/credentials?accountId=${account.accountId}`);
    expect(credentials.body.data.find((c: { type: string }) => c.type === 'EMAIL_OTP').nickname).toBe(email);
  });

  it('answers 409 EMAIL_OTP_EMAIL_ALREADY_EXISTS for an address another EMAIL_OTP credential uses', async () => {
    const { customerId } = await signedIn();
    const other = await newAccount(t);
    expectError(
      await t.grid('PATCH', `/customers/${customerId}`, { customerType: 'INDIVIDUAL', email: other.email }),
      409,
      'EMAIL_OTP_EMAIL_ALREADY_EXISTS',
    );
  });

  it('answers 424 and changes nothing when a tied credential cannot be updated', async () => {
    const { account, customerId, key } = await signedIn();
    expect((await t.admin('POST', '/faults/credential-sync', { customerId })).status).toBe(204);
    const { result } = await signedCall(
      t,
      'PATCH',
      `/customers/${customerId}`,
      { customerType: 'INDIVIDUAL', email: `x-${crypto.randomUUID()}@example.com` },
      key,
    );
    expectError(result, 424, 'EMAIL_OTP_CREDENTIAL_SYNC_FAILED');
    const credentials = await t.grid('GET', `/auth/credentials?accountId=${account.accountId}`);
    expect(credentials.body.data[0].nickname).toBe(account.email);
  });

  it('answers 409 EMAIL_OTP_CREDENTIAL_SET_CHANGED when the tied credentials changed between the legs', async () => {
    const { account, customerId, key } = await signedIn();
    const { result: sms } = await signedCall(t, 'POST', '/auth/credentials', { type: 'SMS_OTP', accountId: account.accountId }, key);
    expect(sms.status).toBe(201);
    const body = { customerType: 'INDIVIDUAL', phoneNumber: '+15555550142' };
    const leg1 = await t.grid('PATCH', `/customers/${customerId}`, body);
    expect(leg1.status, JSON.stringify(leg1.body)).toBe(202);
    expect(JSON.parse(leg1.body.payloadToSign)).toMatchObject({
      type: 'ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER',
      parameters: { userPhoneNumber: '+15555550142' },
    });
    // The SMS_OTP credential goes away (signed by the EMAIL_OTP session) before the retry.
    expect((await signedCall(t, 'DELETE', `/auth/credentials/${sms.body.id}`, undefined, key)).result.status).toBe(204);
    const retry = await t.grid('PATCH', `/customers/${customerId}`, body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key),
      'Request-Id': leg1.body.requestId,
    });
    expectError(retry, 409, 'EMAIL_OTP_CREDENTIAL_SET_CHANGED');
  });

  it('refuses email and phoneNumber together (400) and a retry with another address (401)', async () => {
    const { customerId, key } = await signedIn();
    const both = await t.grid('PATCH', `/customers/${customerId}`, {
      customerType: 'INDIVIDUAL',
      email: 'a@example.com',
      phoneNumber: '+15555550123',
    });
    expectError(both, 400, 'INVALID_INPUT');
    const leg1 = await t.grid('PATCH', `/customers/${customerId}`, {
      customerType: 'INDIVIDUAL',
      email: `z-${crypto.randomUUID()}@example.com`,
    });
    const retry = await t.grid(
      'PATCH',
      `/customers/${customerId}`,
      { customerType: 'INDIVIDUAL', email: 'other@example.com' },
      {
        'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key),
        'Request-Id': leg1.body.requestId,
      },
    );
    expect(retry.status).toBe(401);
  });

  it('changes a phone number with no SMS_OTP credential at once (200, no signature)', async () => {
    const { customerId } = await signedIn();
    const reply = await t.grid('PATCH', `/customers/${customerId}`, { customerType: 'INDIVIDUAL', phoneNumber: '+15555550199' });
    expect(reply.headers.get('content-type')).toMatch(/json/);
    expect(reply.status).toBe(200);
    expect(reply.body.phoneNumber).toBe('+15555550199');
  });
});

describe('/auth/delegated-keys', () => {
  async function withCard() {
    const signed = await signedIn();
    const card = await t.admin('POST', '/cards', { accountId: signed.account.accountId });
    expect(card.status).toBe(201);
    return { ...signed, card: card.body as { id: string; fundingSourceId: string } };
  }

  /** The three legs: unsigned → 202 (identity) → stamped → 202 (policy) → stamped → 201. */
  async function create(key: ClientKey, body: Record<string, unknown>): Promise<{ payloads: string[]; result: Reply }> {
    const leg1 = await t.grid('POST', '/auth/delegated-keys', body);
    expect(leg1.status, JSON.stringify(leg1.body)).toBe(202);
    const leg2 = await t.grid('POST', '/auth/delegated-keys', body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key),
      'Request-Id': leg1.body.requestId,
    });
    expect(leg2.status, JSON.stringify(leg2.body)).toBe(202);
    const result = await t.grid('POST', '/auth/delegated-keys', body, {
      'Grid-Wallet-Signature': await stamp(leg2.body.payloadToSign, key),
      'Request-Id': leg2.body.requestId,
    });
    return { payloads: [leg1.body.payloadToSign, leg2.body.payloadToSign], result };
  }

  it('creates an ACTIVE key in three legs; lists, gets and revokes it', async () => {
    const { account, key, card } = await withCard();
    const body = { cardId: card.id, internalAccountId: account.accountId, nickname: 'Card payments key' };
    const { payloads, result } = await create(key, body);
    const [identity, policy] = payloads.map((p) => JSON.parse(p!));
    expect(identity).toMatchObject({ type: 'ACTIVITY_TYPE_CREATE_USERS_V3' });
    expect(identity.parameters.users[0].apiKeys[0]).toMatchObject({
      apiKeyName: 'Card payments key',
      publicKey: expect.stringMatching(/^0[23][0-9a-f]{64}$/),
    });
    expect(policy).toMatchObject({ type: 'ACTIVITY_TYPE_CREATE_POLICIES', parameters: { policies: [{ effect: 'EFFECT_ALLOW' }] } });
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({
      id: expect.stringMatching(/^DelegatedKey:/),
      cardId: card.id,
      fundingSourceId: card.fundingSourceId,
      accountId: account.accountId,
      publicKey: identity.parameters.users[0].apiKeys[0].publicKey,
      nickname: 'Card payments key',
      status: 'ACTIVE',
    });
    expect((await t.grid('GET', `/auth/delegated-keys?accountId=${account.accountId}`)).body.data).toEqual([result.body]);
    expect((await t.grid('GET', `/auth/delegated-keys?fundingSourceId=${card.fundingSourceId}`)).body.data).toHaveLength(1);
    expect((await t.grid('GET', `/auth/delegated-keys/${result.body.id}`)).body).toEqual(result.body);
    expect((await t.grid('DELETE', `/auth/delegated-keys/${result.body.id}`)).status).toBe(204);
    expect((await t.grid('GET', `/auth/delegated-keys/${result.body.id}`)).body.status).toBe('REVOKED');
    expectError(await t.grid('DELETE', `/auth/delegated-keys/${result.body.id}`), 400, 'INVALID_INPUT');
  });

  it('answers 409 while an ACTIVE key exists; an abandoned PENDING key does not block', async () => {
    const { account, key, card } = await withCard();
    const body = { cardId: card.id, internalAccountId: account.accountId, nickname: 'k' };
    // Abandon after leg 2: a PENDING key.
    const leg1 = await t.grid('POST', '/auth/delegated-keys', body);
    const leg2 = await t.grid('POST', '/auth/delegated-keys', body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key),
      'Request-Id': leg1.body.requestId,
    });
    expect(leg2.status).toBe(202);
    expect((await t.grid('GET', `/auth/delegated-keys?accountId=${account.accountId}`)).body.data[0].status).toBe('PENDING');
    expect((await create(key, body)).result.status).toBe(201);
    expectError(await t.grid('POST', '/auth/delegated-keys', body), 409, 'CONFLICT');
  });

  it('refuses a card of another account (404), a missing filter (400) and an unknown key (404)', async () => {
    const { card } = await withCard();
    const other = await signedIn();
    const body = { cardId: card.id, internalAccountId: other.account.accountId, nickname: 'k' };
    expect((await t.grid('POST', '/auth/delegated-keys', body)).status).toBe(404);
    const malformed = await t.grid('POST', '/auth/delegated-keys', { cardId: card.id, internalAccountId: 'nope', nickname: 'k' });
    expectError(malformed, 400, 'INVALID_INPUT');
    expect(malformed.body.message).toMatch(/^internalAccountId: /);
    expectError(await t.grid('GET', '/auth/delegated-keys'), 400, 'INVALID_INPUT');
    expect((await t.grid('GET', '/auth/delegated-keys/DelegatedKey:00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('refuses leg 2 stamped by a session of another account (401)', async () => {
    const { account, card } = await withCard();
    const stranger = await signedIn();
    const body = { cardId: card.id, internalAccountId: account.accountId, nickname: 'k' };
    const leg1 = await t.grid('POST', '/auth/delegated-keys', body);
    const leg2 = await t.grid('POST', '/auth/delegated-keys', body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, stranger.key),
      'Request-Id': leg1.body.requestId,
    });
    expect(leg2.status).toBe(401);
  });
});
