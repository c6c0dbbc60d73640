import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER } from '@grid-wallet/core';
import { startEmulator, type TestServer } from './testkit/http.ts';

/** The /_emulator routes tests and the demo drive the emulator with. */
let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

describe('/_emulator', () => {
  it('POST /accounts provisions a customer, an EMBEDDED_WALLET account and its EMAIL_OTP credential', async () => {
    const reply = await t.admin('POST', '/accounts', { email: 'dana@example.com', phoneNumber: '+15555550123' });
    expect(reply.status).toBe(201);
    expect(reply.body.customer).toMatchObject({
      id: expect.stringMatching(/^Customer:/),
      email: 'dana@example.com',
      phoneNumber: '+15555550123',
    });
    expect(reply.body.account).toMatchObject({
      id: expect.stringMatching(/^InternalAccount:[0-9a-f-]{36}$/),
      type: 'EMBEDDED_WALLET',
      customerId: reply.body.customer.id,
    });
    expect(reply.body.credential).toMatchObject({
      id: expect.stringMatching(/^AuthMethod:/),
      type: 'EMAIL_OTP',
      nickname: 'dana@example.com',
      accountId: reply.body.account.id,
    });
    const listed = await t.grid('GET', `/auth/credentials?accountId=${reply.body.account.id}`);
    expect(listed.body.data).toEqual([reply.body.credential]);
  });

  it('POST /accounts validates its body', async () => {
    for (const body of [
      {},
      { email: 'nope' },
      { email: 'a@b.co', phoneNumber: '555' },
      { email: 'a@b.co', withEmailOtpCredential: 'no' },
    ]) {
      const reply = await t.admin('POST', '/accounts', body);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('INVALID_INPUT');
    }
  });

  it('GET /outbox lists messages newest first, optionally for one recipient', async () => {
    const a = (await t.admin('POST', '/accounts', { email: 'outbox-a@example.com' })).body.credential.id;
    const b = (await t.admin('POST', '/accounts', { email: 'outbox-b@example.com' })).body.credential.id;
    for (const id of [a, b, a]) expect((await t.grid('POST', `/auth/credentials/${id}/challenge`)).status).toBe(200);
    const all = (await t.admin('GET', '/outbox')).body.data;
    expect(all.slice(0, 3).map((m: any) => m.to)).toEqual(['outbox-a@example.com', 'outbox-b@example.com', 'outbox-a@example.com']);
    const forA = (await t.admin('GET', '/outbox?to=outbox-a@example.com')).body.data;
    expect(forA).toHaveLength(2);
    expect(forA[0]).toEqual({
      to: 'outbox-a@example.com',
      channel: 'EMAIL',
      code: expect.stringMatching(/^\d{6}$/),
      credentialId: a,
      sentAt: expect.stringMatching(/Z$/),
    });
    expect(forA[0].code === forA[1].code && forA[0].code === all[1].code).toBe(false);
  });

  it('POST /clock moves the emulator clock forward', async () => {
    const before = Date.parse((await t.admin('POST', '/clock', { advanceSeconds: 0 })).body.now);
    const after = Date.parse((await t.admin('POST', '/clock', { advanceSeconds: 3600 })).body.now);
    expect(after - before).toBeGreaterThanOrEqual(3599_000);
    expect((await t.admin('POST', '/clock', { advanceSeconds: -5 })).status).toBe(400);
    expect((await t.admin('POST', '/clock', { advanceSeconds: '10' })).status).toBe(400);
  });

  it('GET /enclave publishes the quorum key that signs target bundles: the fixed key the extension pins as the local Grid emulator', async () => {
    const { enclaveQuorumPublic } = (await t.admin('GET', '/enclave')).body;
    expect(enclaveQuorumPublic).toBe(LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER);
    const id = (await t.admin('POST', '/accounts', { email: 'enclave@example.com' })).body.credential.id;
    const bundle = JSON.parse((await t.grid('POST', `/auth/credentials/${id}/challenge`)).body.otpEncryptionTargetBundle);
    expect(bundle).toMatchObject({ version: 'v1.0.0', enclaveQuorumPublic, dataSignature: expect.stringMatching(/^30[0-9a-f]+$/) });
    expect(JSON.parse(Buffer.from(bundle.data, 'hex').toString()).targetPublic).toMatch(/^04[0-9a-f]{128}$/);
  });

  it('POST /oauth/token mints a sandbox-style OIDC token', async () => {
    const reply = await t.admin('POST', '/oauth/token', {
      sub: 'sub-1',
      email: 'e@example.com',
      aud: 'my-app',
      iss: 'https://appleid.apple.com',
      nonce: 'abc',
    });
    expect(reply.status).toBe(201);
    const [header, claims, signature] = reply.body.oidcToken.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString()).typ).toBe('JWT');
    const decoded = JSON.parse(Buffer.from(claims, 'base64url').toString());
    expect(decoded).toMatchObject({ sub: 'sub-1', email: 'e@example.com', aud: 'my-app', iss: 'https://appleid.apple.com', nonce: 'abc' });
    expect(decoded.exp - decoded.iat).toBe(3600);
    expect(signature.length).toBeGreaterThan(0);
    expect((await t.admin('POST', '/oauth/token', { sub: 's', email: 'e@example.com', iss: 'https://evil.example' })).status).toBe(400);
    expect((await t.admin('POST', '/oauth/token', { email: 'e@example.com' })).status).toBe(400);
  });
});

describe('/_emulator for an integrator CI', () => {
  it('GET /health answers 200 once the emulator serves (a URL for Playwright webServer)', async () => {
    expect(await t.admin('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('POST /reset empties every record, the outbox and the rate limits, and puts the clock back to real time', async () => {
    const server = await startEmulator();
    try {
      const { body: created } = await server.admin('POST', '/accounts', { email: 'reset@example.com' });
      const challenge = `/auth/credentials/${created.credential.id}/challenge`;
      for (let i = 0; i < 6; i++) await server.grid('POST', challenge, {});
      expect((await server.grid('POST', challenge, {})).status).toBe(429);
      await server.admin('POST', '/clock', { advanceSeconds: 86_400 });

      expect((await server.admin('POST', '/reset')).status).toBe(204);
      expect((await server.admin('GET', '/outbox')).body.data).toEqual([]);
      expect((await server.grid('GET', `/auth/credentials?accountId=${created.account.id}`)).body.data).toEqual([]);
      expect((await server.grid('POST', challenge, {})).status).toBe(404);
      const { body: again } = await server.admin('POST', '/accounts', { email: 'reset@example.com' });
      expect((await server.grid('POST', `/auth/credentials/${again.credential.id}/challenge`, {})).status).toBe(200);
      const { body: clock } = await server.admin('POST', '/clock', { advanceSeconds: 0 });
      expect(Math.abs(Date.parse(clock.now) - Date.now())).toBeLessThan(60_000);
    } finally {
      await server.close();
    }
  });
});
