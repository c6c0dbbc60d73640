import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, startTestbed, type Testbed } from './testbed.ts';

/** The demo helpers (emulator admin routes) and the Authsignal relay, against a real emulator. */
let t: Testbed;
beforeAll(async () => {
  t = await startTestbed();
});
afterAll(() => t.close());

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

describe('demo helpers', () => {
  it('POST /api/demo/customers provisions an account with its EMAIL_OTP credential', async () => {
    const reply = await t.api('POST', '/api/demo/customers', { body: { email: 'grace@example.com', phoneNumber: '+15555550123' } });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      customer: { email: 'grace@example.com', phoneNumber: '+15555550123' },
      account: { id: expect.stringMatching(/^InternalAccount:/) },
      credential: { id: expect.stringMatching(/^AuthMethod:/), type: 'EMAIL_OTP', nickname: 'grace@example.com' },
    });
  });

  it('GET /api/demo/outbox shows the codes the emulator sent, newest first', async () => {
    const { credential } = (await t.api('POST', '/api/demo/customers', { body: { email: 'outbox@example.com' } })).body;
    expect((await t.api('POST', `/api/grid/auth/credentials/${credential.id}/challenge`, { body: {} })).status).toBe(200);
    const outbox = await t.api('GET', '/api/demo/outbox');
    expect(outbox.status).toBe(200);
    expect(outbox.body.data[0]).toMatchObject({ to: 'outbox@example.com', channel: 'EMAIL', code: expect.stringMatching(/^\d{6}$/) });
  });

  it('POST /api/demo/oidc-tokens mints the same identity for an email, with the nonce asked for', async () => {
    const nonce = createHash('sha256').update('02ab').digest('hex');
    const linked = await t.api('POST', '/api/demo/oidc-tokens', { body: { email: 'oauth@example.com' } });
    const signIn = await t.api('POST', '/api/demo/oidc-tokens', { body: { email: 'oauth@example.com', nonce } });
    expect([linked.status, signIn.status]).toEqual([201, 201]);
    expect(claimsOf(signIn.body.oidcToken)).toMatchObject({ sub: claimsOf(linked.body.oidcToken).sub, email: 'oauth@example.com', nonce });
  });

  it('passes the emulator’s validation errors back in the same shape', async () => {
    // The emulator refuses a subject over 255 characters; the helper says so rather than failing.
    const reply = await t.api('POST', '/api/demo/oidc-tokens', { body: { email: `${'x'.repeat(250)}@example.com` } });
    expectError(reply, 400, 'INVALID_INPUT');
  });
});

describe('Authsignal relay', () => {
  it('starts an SMS challenge with the secret held here and verifies the code from the outbox once', async () => {
    const started = await t.api('POST', '/api/authsignal/challenge', {
      body: { verificationMethod: 'SMS', action: 'approve-payment', phoneNumber: '+15555550199' },
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    expect(started.body).toEqual({ challengeId: expect.any(String), idempotencyKey: expect.any(String), expiresAt: expect.any(Number) });
    expect(started.body.expiresAt).toBeLessThan(Date.now() / 1000 + 400); // Unix seconds
    const message = (await t.api('GET', '/api/demo/outbox')).body.data.find((m: any) => m.challengeId === started.body.challengeId);
    expect(message).toMatchObject({ to: '+15555550199', channel: 'SMS' });
    const verify = () =>
      t.api('POST', '/api/authsignal/verify', { body: { challengeId: started.body.challengeId, verificationCode: message.code } });
    expect((await verify()).body).toMatchObject({ isVerified: true, phoneNumber: '+15555550199' });
    expect((await verify()).body).toMatchObject({ isVerified: false });
  });

  it('answers Authsignal’s errors as {status, code, message}', async () => {
    const reply = await t.api('POST', '/api/authsignal/verify', { body: { challengeId: 'no-such-challenge', verificationCode: '123456' } });
    expectError(reply, 404, 'not_found');
    const misconfigured = await startTestbed({ AUTHSIGNAL_BASE_URL: t.emulator.emulator.url, AUTHSIGNAL_SECRET_KEY: 'wrong' });
    try {
      const body = { verificationMethod: 'SMS', action: 'a', phoneNumber: '+15555550199' };
      expectError(await misconfigured.api('POST', '/api/authsignal/challenge', { body }), 401, 'unauthorized');
    } finally {
      await misconfigured.close();
    }
  });
});
