import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, startEmulator, type TestServer } from './testkit/http.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

const challenge = (body: unknown) => t.request('POST', '/v1/challenge', { body, auth: 'authsignal' });
const verify = (body: unknown) => t.request('POST', '/v1/verify', { body, auth: 'authsignal' });
const codeFor = async (challengeId: string) =>
  ((await t.admin('GET', '/outbox')).body.data as any[]).find((m) => m.challengeId === challengeId);

describe('Authsignal challenge + verify', () => {
  it.each([
    ['SMS', { phoneNumber: '+64270000001' }, 'SMS', { phoneNumber: '+64270000001' }],
    ['WHATSAPP', { phoneNumber: '+64270000002' }, 'WHATSAPP', { phoneNumber: '+64270000002' }],
    ['EMAIL_OTP', { email: 'bob@example.com' }, 'EMAIL', { email: 'bob@example.com' }],
  ])('%s: code to the outbox, expiresAt in Unix seconds, verified once', async (verificationMethod, contact, channel, echoed) => {
    const before = Math.floor(Date.now() / 1000);
    const started = await challenge({ verificationMethod, action: 'signIn', ...contact });
    expect(started.status).toBe(200);
    expect(Object.keys(started.body).sort()).toEqual(['challengeId', 'expiresAt', 'idempotencyKey']);
    expect(Number.isInteger(started.body.expiresAt)).toBe(true);
    expect(started.body.expiresAt).toBeGreaterThanOrEqual(before + 299);
    expect(started.body.expiresAt).toBeLessThan(before + 400);
    const message = await codeFor(started.body.challengeId);
    expect(message).toMatchObject({ channel, to: Object.values(contact)[0], code: expect.stringMatching(/^\d{6}$/) });

    const ok = await verify({ challengeId: started.body.challengeId, verificationCode: message.code });
    expect(ok.body).toEqual({ isVerified: true, verificationMethod, ...echoed });
    const again = await verify({ challengeId: started.body.challengeId, verificationCode: message.code });
    expect(again.body).toEqual({ isVerified: false, failureReason: 'CODE_INVALID_OR_EXPIRED' });
  });

  it('echoes a given idempotencyKey and generates one otherwise', async () => {
    const given = await challenge({ verificationMethod: 'SMS', action: 'pay', phoneNumber: '+14155550100', idempotencyKey: 'idem-1' });
    expect(given.body.idempotencyKey).toBe('idem-1');
    const generated = await challenge({ verificationMethod: 'SMS', action: 'pay', phoneNumber: '+14155550100' });
    expect(generated.body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rejects wrong codes, then stops accepting guesses after 5', async () => {
    const started = await challenge({ verificationMethod: 'EMAIL_OTP', action: 'signIn', email: 'carol@example.com' });
    const { code } = await codeFor(started.body.challengeId);
    const wrong = code === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) {
      expect((await verify({ challengeId: started.body.challengeId, verificationCode: wrong })).body).toEqual({
        isVerified: false,
        failureReason: 'CODE_INVALID_OR_EXPIRED',
      });
    }
    expect((await verify({ challengeId: started.body.challengeId, verificationCode: code })).body).toEqual({
      isVerified: false,
      failureReason: 'MAX_ATTEMPTS_EXCEEDED',
    });
  });

  it('expires codes', async () => {
    const local = await startEmulator();
    try {
      const started = await local.request('POST', '/v1/challenge', {
        body: { verificationMethod: 'SMS', action: 'a', phoneNumber: '+64270000003' },
        auth: 'authsignal',
      });
      const { code } = (await local.admin('GET', '/outbox')).body.data[0];
      await local.admin('POST', '/clock', { advanceSeconds: 300 });
      const reply = await local.request('POST', '/v1/verify', {
        body: { challengeId: started.body.challengeId, verificationCode: code },
        auth: 'authsignal',
      });
      expect(reply.body.isVerified).toBe(false);
    } finally {
      await local.close();
    }
  });

  it.each([
    [{ action: 'a', phoneNumber: '+64270000000' }, /verificationMethod/],
    [{ verificationMethod: 'VOICE', action: 'a', phoneNumber: '+64270000000' }, /verificationMethod/],
    [{ verificationMethod: 'SMS', phoneNumber: '+64270000000' }, /action/],
    [{ verificationMethod: 'SMS', action: 'a' }, /phoneNumber/],
    [{ verificationMethod: 'WHATSAPP', action: 'a', phoneNumber: '0270000000' }, /phoneNumber.*E\.164/],
    [{ verificationMethod: 'EMAIL_OTP', action: 'a', phoneNumber: '+64270000000' }, /email/],
    [{ verificationMethod: 'SMS', action: 'a', phoneNumber: '+64270000000', custom: 'x' }, /custom/],
  ])('answers 400 invalid_request for %o', async (body, description) => {
    const reply = await challenge(body);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ error: 'invalid_request', errorDescription: expect.stringMatching(description) });
  });

  it('answers 404 for an unknown challenge and 400 for a malformed verify', async () => {
    expect((await verify({ challengeId: 'nope', verificationCode: '123456' })).body.error).toBe('not_found');
    expect((await verify({ challengeId: 'nope' })).body).toEqual({
      error: 'invalid_request',
      errorDescription: expect.stringMatching(/verificationCode/),
    });
  });

  it('needs the secret key as user name with an empty password', async () => {
    const body = { verificationMethod: 'SMS', action: 'a', phoneNumber: '+64270000000' };
    for (const authorization of [
      basic('wrong-secret', ''),
      basic('emulator-authsignal-secret', 'x'),
      basic('emulator-token', 'emulator-secret'),
    ]) {
      const reply = await t.request('POST', '/v1/challenge', { body, auth: { basic: authorization } });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toBe('unauthorized');
    }
    expect((await t.request('POST', '/v1/challenge', { body, auth: 'none' })).status).toBe(401);
  });
});
