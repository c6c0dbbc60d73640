import { randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, signIn } from './testkit/flows.ts';
import { startEmulator, type Reply, type TestServer } from './testkit/http.ts';
import { SoftwareAuthenticator } from './testkit/softwareAuthenticator.ts';
import { newClientKey, stamp, type ClientKey } from './testkit/turnkeyClient.ts';

/**
 * The signed-retry checks (the emulator's README, "Signed retries and errors"), driven through one representative
 * operation (adding an SMS_OTP credential with an existing session's key).
 */
let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

interface Setup {
  readonly key: ClientKey;
  readonly body: { type: string; accountId: string };
  readonly leg1: Reply;
  retry(headers: Record<string, string>, body?: unknown): Promise<Reply>;
}

async function setup(server = t): Promise<Setup> {
  const account = await newAccount(server);
  const { key } = await signIn(server, account);
  const body = { type: 'SMS_OTP', accountId: account.accountId };
  const leg1 = await server.grid('POST', '/auth/credentials', body);
  expect(leg1.status).toBe(202);
  return { key, body, leg1, retry: (headers, other) => server.grid('POST', '/auth/credentials', other ?? body, headers) };
}

function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toMatchObject({ status, code, message: expect.any(String) });
}

describe('leg 1', () => {
  it('returns a Turnkey-style activity, a single-use request id and a 5-minute expiry', async () => {
    const { leg1 } = await setup();
    expect(Object.keys(leg1.body)).toEqual(['type', 'payloadToSign', 'requestId', 'expiresAt']);
    const payload = JSON.parse(leg1.body.payloadToSign);
    expect(Object.keys(payload)).toEqual(['organizationId', 'parameters', 'timestampMs', 'type']);
    expect(payload).toMatchObject({
      organizationId: expect.stringMatching(/^org_/),
      type: 'ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER',
      timestampMs: expect.stringMatching(/^\d+$/),
    });
    expect(Object.keys(payload.parameters)).toEqual(['userId', 'userPhoneNumber']);
    expect(leg1.body.payloadToSign).not.toMatch(/\s/);
    expect(Date.parse(leg1.body.expiresAt) - Number(payload.timestampMs)).toBeGreaterThan(299_000);
    expect(Date.parse(leg1.body.expiresAt) - Number(payload.timestampMs)).toBeLessThanOrEqual(300_000);
  });
});

describe('leg 2 failures, each with its code', () => {
  it('WALLET_SIGNATURE_MISSING without the stamp', async () => {
    const s = await setup();
    expectError(await s.retry({ 'Request-Id': s.leg1.body.requestId }), 401, 'WALLET_SIGNATURE_MISSING');
  });

  it('REQUEST_ID_MISSING without the request id', async () => {
    const s = await setup();
    expectError(await s.retry({ 'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key) }), 401, 'REQUEST_ID_MISSING');
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    [
      'wrong scheme',
      Buffer.from(JSON.stringify({ publicKey: `02${'11'.repeat(32)}`, scheme: 'OTHER', signature: '3006020101020101' })).toString(
        'base64url',
      ),
    ],
    [
      'an uncompressed publicKey',
      Buffer.from(
        JSON.stringify({
          publicKey: newClientKey().publicKeyUncompressed,
          scheme: 'SIGNATURE_SCHEME_TK_API_P256',
          signature: '3006020101020101',
        }),
      ).toString('base64url'),
    ],
    ['the sandbox literal outside sandbox mode', 'sandbox-valid-signature'],
  ])('WALLET_SIGNATURE_MALFORMED for %s', async (_, header) => {
    const s = await setup();
    const reply = await s.retry({ 'Grid-Wallet-Signature': header, 'Request-Id': s.leg1.body.requestId });
    expectError(reply, 401, 'WALLET_SIGNATURE_MALFORMED');
    expect(typeof reply.body.details.reason).toBe('string');
  });

  it('UNAUTHORIZED for an unknown request id', async () => {
    const s = await setup();
    const reply = await s.retry({
      'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key),
      'Request-Id': 'Request:00000000-0000-4000-8000-000000000000',
    });
    expectError(reply, 401, 'UNAUTHORIZED');
  });

  it('UNAUTHORIZED when a request id is reused', async () => {
    const s = await setup();
    const headers = { 'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key), 'Request-Id': s.leg1.body.requestId };
    expect((await s.retry(headers)).status).toBe(201);
    const again = await s.retry(headers);
    expectError(again, 401, 'UNAUTHORIZED');
    expect(again.body.details.reason).toMatch(/already been used/);
  });

  it('UNAUTHORIZED when the request id expired (after 5 minutes)', async () => {
    const local = await startEmulator();
    try {
      const s = await setup(local);
      await local.admin('POST', '/clock', { advanceSeconds: 301 });
      const reply = await s.retry({
        'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key),
        'Request-Id': s.leg1.body.requestId,
      });
      expectError(reply, 401, 'UNAUTHORIZED');
      expect(reply.body.details.reason).toMatch(/expired/);
    } finally {
      await local.close();
    }
  });

  it('UNAUTHORIZED when the request id belongs to another operation', async () => {
    const s = await setup();
    const other = await t.grid('GET', `/auth/sessions?accountId=${s.body.accountId}`);
    const revoke = await t.grid('DELETE', `/auth/sessions/${other.body.data[0].id}`);
    expect(revoke.status).toBe(202);
    const reply = await s.retry({
      'Grid-Wallet-Signature': await stamp(revoke.body.payloadToSign, s.key),
      'Request-Id': revoke.body.requestId,
    });
    expectError(reply, 401, 'UNAUTHORIZED');
  });

  it('WALLET_SIGNATURE_BODY_MISMATCH when the body changed', async () => {
    const s = await setup();
    const reply = await s.retry(
      { 'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key), 'Request-Id': s.leg1.body.requestId },
      { ...s.body, type: 'EMAIL_OTP' },
    );
    expectError(reply, 401, 'WALLET_SIGNATURE_BODY_MISMATCH');
  });

  it('accepts the same body re-serialised with other key order and whitespace', async () => {
    const s = await setup();
    const reply = await t.request('POST', '/grid/2025-10-13/auth/credentials', {
      rawBody: `{ "accountId": "${s.body.accountId}",\n  "type": "SMS_OTP" }`,
      headers: { 'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key), 'Request-Id': s.leg1.body.requestId },
    });
    expect(reply.status).toBe(201);
  });

  it('WALLET_SIGNATURE_INVALID when the stamp was made over something else', async () => {
    const s = await setup();
    const reply = await s.retry({
      'Grid-Wallet-Signature': await stamp(`${s.leg1.body.payloadToSign} `, s.key),
      'Request-Id': s.leg1.body.requestId,
    });
    expectError(reply, 401, 'WALLET_SIGNATURE_INVALID');
  });

  it('UNAUTHORIZED when a valid stamp comes from a key that is no session of the account', async () => {
    const s = await setup();
    const stranger = await setup();
    for (const key of [newClientKey(), stranger.key]) {
      const reply = await s.retry({
        'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, key),
        'Request-Id': s.leg1.body.requestId,
      });
      expectError(reply, 401, 'UNAUTHORIZED');
    }
    // Failed attempts do not burn the request id.
    expect(
      (await s.retry({ 'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key), 'Request-Id': s.leg1.body.requestId }))
        .status,
    ).toBe(201);
  });

  it('UNAUTHORIZED when the signing session has expired', async () => {
    const local = await startEmulator({ sessionTtlSeconds: 60 });
    try {
      const s = await setup(local);
      await local.admin('POST', '/clock', { advanceSeconds: 61 });
      const reply = await s.retry({
        'Grid-Wallet-Signature': await stamp(s.leg1.body.payloadToSign, s.key),
        'Request-Id': s.leg1.body.requestId,
      });
      expectError(reply, 401, 'UNAUTHORIZED');
      expect(reply.body.details.reason).toMatch(/not an active session/);
    } finally {
      await local.close();
    }
  });

  it('checks in the documented order: a malformed stamp is reported before a bad request id, a body change before a bad signature', async () => {
    const s = await setup();
    expectError(await s.retry({ 'Grid-Wallet-Signature': 'garbage', 'Request-Id': 'Request:nope' }), 401, 'WALLET_SIGNATURE_MALFORMED');
    const wrongPayloadStamp = await stamp('something else', s.key);
    expectError(
      await s.retry({ 'Grid-Wallet-Signature': wrongPayloadStamp, 'Request-Id': s.leg1.body.requestId }, { ...s.body, type: 'EMAIL_OTP' }),
      401,
      'WALLET_SIGNATURE_BODY_MISMATCH',
    );
  });
});

describe('what is accepted', () => {
  it('a high-S signature (Turnkey signers never normalise S)', async () => {
    const s = await setup();
    const header = JSON.parse(Buffer.from(await stamp(s.leg1.body.payloadToSign, s.key), 'base64url').toString());
    const signature = p256.Signature.fromBytes(Buffer.from(header.signature, 'hex'), 'der');
    const flipped = signature.hasHighS() ? signature : new p256.Signature(signature.r, P256_N - signature.s);
    expect(flipped.hasHighS()).toBe(true);
    const highS = Buffer.from(JSON.stringify({ ...header, signature: Buffer.from(flipped.toBytes('der')).toString('hex') })).toString(
      'base64url',
    );
    expect((await s.retry({ 'Grid-Wallet-Signature': highS, 'Request-Id': s.leg1.body.requestId })).status).toBe(201);
  });

  it('the literal sandbox-valid-signature in sandbox mode', async () => {
    const sandbox = await startEmulator({ otpMode: 'sandbox' });
    try {
      const s = await setup(sandbox);
      expect((await s.retry({ 'Grid-Wallet-Signature': 'sandbox-valid-signature', 'Request-Id': s.leg1.body.requestId })).status).toBe(201);
    } finally {
      await sandbox.close();
    }
  });

  it.each(['SMS_OTP', 'OAUTH', 'PASSKEY'] as const)(
    'an account with no credential gets no unsigned %s: only EMAIL_OTP bootstraps',
    async (type) => {
      const created = await t.admin('POST', '/accounts', {
        email: `no-${type}@example.com`,
        phoneNumber: '+6427000001',
        withEmailOtpCredential: false,
      });
      const accountId = created.body.account.id;
      const challenge = randomBytes(32).toString('base64url');
      const bodies = {
        SMS_OTP: { type, accountId },
        OAUTH: {
          type,
          accountId,
          oidcToken: (await t.admin('POST', '/oauth/token', { sub: `sub-${type}`, email: 'x@example.com' })).body.oidcToken,
        },
        PASSKEY: {
          type,
          accountId,
          nickname: 'Key',
          challenge,
          attestation: new SoftwareAuthenticator().register(Buffer.from(challenge, 'base64url')),
        },
      };
      const reply = await t.grid('POST', '/auth/credentials', bodies[type]);
      // A signature is required, and there is no session on the account that could give one.
      expect(reply.status, JSON.stringify(reply.body)).toBe(202);
      expect((await t.grid('GET', `/auth/credentials?accountId=${accountId}`)).body.data).toEqual([]);
    },
  );

  it('an account with no credential is bootstrapped with an unsigned EMAIL_OTP add', async () => {
    const created = await t.admin('POST', '/accounts', { email: 'bootstrap@example.com', withEmailOtpCredential: false });
    expect(created.body.credential).toBeNull();
    const reply = await t.grid('POST', '/auth/credentials', { type: 'EMAIL_OTP', accountId: created.body.account.id });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ type: 'EMAIL_OTP', nickname: 'bootstrap@example.com' });
    // From now on adding needs a signature.
    const oidcToken = (await t.admin('POST', '/oauth/token', { sub: 'bootstrap-sub', email: 'bootstrap@example.com' })).body.oidcToken;
    const second = await t.grid('POST', '/auth/credentials', { type: 'OAUTH', accountId: created.body.account.id, oidcToken });
    expect(second.status).toBe(202);
  });
});

const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
