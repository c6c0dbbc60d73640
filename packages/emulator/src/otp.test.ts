import { verifyOtpVerificationToken } from '@turnkey/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enclaveKey, latestCode, newAccount, signedCall, signIn, signInWithEncryptedOtp, signInWithSeedOtp } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { encryptOtp, newClientKey, stamp } from './testkit/turnkeyClient.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

describe('EMAIL_OTP, seed flow (plaintext code, sealed session key; removed from Grid, behind legacyPlaintextOtp)', () => {
  let seed: TestServer;
  beforeAll(async () => {
    seed = await startEmulator({ legacyPlaintextOtp: true });
  });
  afterAll(() => seed.close());

  it('is refused by default: 400 naming otp, and no session', async () => {
    const account = await newAccount(t);
    expect((await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`)).status).toBe(200);
    const body = { type: 'EMAIL_OTP', otp: await latestCode(t, account.email), clientPublicKey: newClientKey().publicKeyUncompressed };
    const reply = await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/verify`, body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'otp' }] } });
    expect((await t.grid('GET', `/auth/sessions?accountId=${account.accountId}`)).body.data).toEqual([]);
  });

  it('issues a real encryptedSessionSigningKey whose key then signs a later action', async () => {
    const account = await newAccount(seed);
    const { session, key } = await signInWithSeedOtp(seed, account.emailCredentialId, account.email);
    expect(session).toMatchObject({ accountId: account.accountId, type: 'EMAIL_OTP', nickname: account.email });
    expect(session.id).toMatch(/^Session:[0-9a-f-]{36}$/);
    expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(900_000);

    // The decrypted session key is the one the emulator will accept: add an SMS_OTP credential with it.
    const { challenge, result } = await signedCall(
      seed,
      'POST',
      '/auth/credentials',
      { type: 'SMS_OTP', accountId: account.accountId },
      key,
    );
    expect(challenge.body.type).toBe('SMS_OTP');
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ type: 'SMS_OTP', nickname: account.phoneNumber, accountId: account.accountId });
    expect(typeof result.body.otpEncryptionTargetBundle).toBe('string');
  });

  it('does not reveal the session key in lists', async () => {
    const account = await newAccount(seed);
    await signInWithSeedOtp(seed, account.emailCredentialId, account.email);
    const list = await seed.grid('GET', `/auth/sessions?accountId=${account.accountId}`);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].encryptedSessionSigningKey).toBeUndefined();
  });

  it('rejects a wrong code with 401 and a reason, and a used code the second time', async () => {
    const account = await newAccount(seed);
    await seed.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`);
    const code = await latestCode(seed, account.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const verify = (otp: string) =>
      seed.grid('POST', `/auth/credentials/${account.emailCredentialId}/verify`, {
        type: 'EMAIL_OTP',
        otp,
        clientPublicKey: newClientKey().publicKeyUncompressed,
      });
    const bad = await verify(wrong);
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ status: 401, code: 'UNAUTHORIZED', details: { reason: 'Invalid OTP code' } });
    expect((await verify(code)).status).toBe(200);
    const reused = await verify(code);
    expect(reused.status).toBe(401);
    expect(reused.body.code).toBe('UNAUTHORIZED');
  });

  it('expires codes after 300 seconds', async () => {
    const local = await startEmulator({ legacyPlaintextOtp: true });
    try {
      const account = await newAccount(local);
      await local.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`);
      const code = await latestCode(local, account.email);
      expect((await local.admin('POST', '/clock', { advanceSeconds: 301 })).status).toBe(200);
      const reply = await local.grid('POST', `/auth/credentials/${account.emailCredentialId}/verify`, {
        type: 'EMAIL_OTP',
        otp: code,
        clientPublicKey: newClientKey().publicKeyUncompressed,
      });
      expect(reply.status).toBe(401);
      expect(reply.body.details.reason).toBe('OTP expired');
    } finally {
      await local.close();
    }
  });
});

describe('EMAIL_OTP / SMS_OTP, current two-leg flow', () => {
  it.each(['compressed', 'uncompressed'] as const)('binds the %s key in the bundle and makes it the session key', async (form) => {
    const account = await newAccount(t);
    const { session, key } = await signInWithEncryptedOtp(t, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email }, form);
    expect(session.encryptedSessionSigningKey).toBeUndefined();
    expect(session.type).toBe('EMAIL_OTP');
    // The client key now signs for the session: revoke the session with it.
    const { result } = await signedCall(t, 'DELETE', `/auth/sessions/${session.id}`, undefined, key);
    expect(result.status).toBe(204);
  });

  it('answers leg 1 with an ES256 verification token signed by the pinned enclave key', async () => {
    const account = await newAccount(t);
    const challenge = await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`, {});
    const key = newClientKey();
    const quorum = await enclaveKey(t);
    const body = {
      type: 'EMAIL_OTP',
      encryptedOtpBundle: await encryptOtp(
        await latestCode(t, account.email),
        challenge.body.otpEncryptionTargetBundle,
        key.publicKey,
        quorum,
      ),
    };
    const leg1 = await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/verify`, body);
    expect(leg1.status).toBe(202);
    expect(leg1.body).toMatchObject({ type: 'EMAIL_OTP', requestId: expect.stringMatching(/^Request:/) });
    const [header] = leg1.body.payloadToSign.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toMatchObject({ alg: 'ES256', typ: 'JWT' });
    const claims = await verifyOtpVerificationToken(leg1.body.payloadToSign, quorum);
    expect(claims).toMatchObject({
      public_key: key.publicKey,
      contact: account.email,
      verification_type: 'OTP_TYPE_EMAIL',
      sub: account.emailCredentialId,
    });
    expect(typeof (claims as unknown as { iat: unknown }).iat).toBe('number');
  });

  it('refuses leg 2 stamped by any key other than the bound one', async () => {
    const account = await newAccount(t);
    const challenge = await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`, {});
    const bound = newClientKey();
    const body = {
      type: 'EMAIL_OTP',
      encryptedOtpBundle: await encryptOtp(
        await latestCode(t, account.email),
        challenge.body.otpEncryptionTargetBundle,
        bound.publicKey,
        await enclaveKey(t),
      ),
    };
    const path = `/auth/credentials/${account.emailCredentialId}/verify`;
    const leg1 = await t.grid('POST', path, body);
    const other = newClientKey();
    const leg2 = await t.grid('POST', path, body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, other),
      'Request-Id': leg1.body.requestId,
    });
    expect(leg2.status).toBe(401);
    expect(leg2.body.code).toBe('UNAUTHORIZED');
    // The request id survives a failed attempt; the right key still completes the sign-in.
    const retry = await t.grid('POST', path, body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, bound),
      'Request-Id': leg1.body.requestId,
    });
    expect(retry.status).toBe(200);
  });

  it('rejects a bundle encrypted to an earlier issuance, and a wrong code inside a bundle', async () => {
    const account = await newAccount(t);
    const quorum = await enclaveKey(t);
    const first = await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`, {});
    const firstCode = await latestCode(t, account.email);
    const second = await t.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`, {});
    const secondCode = await latestCode(t, account.email);
    const key = newClientKey();
    const verify = async (code: string, bundle: string) =>
      t.grid('POST', `/auth/credentials/${account.emailCredentialId}/verify`, {
        type: 'EMAIL_OTP',
        encryptedOtpBundle: await encryptOtp(code, bundle, key.publicKey, quorum),
      });
    const stale = await verify(firstCode, first.body.otpEncryptionTargetBundle);
    expect(stale.status).toBe(401);
    const wrong = await verify(secondCode === '123456' ? '654321' : '123456', second.body.otpEncryptionTargetBundle);
    expect(wrong.status).toBe(401);
    expect(wrong.body.details.reason).toBe('Invalid OTP code');
  });

  it('runs the same flow for an added SMS_OTP credential (code sent on the signed retry)', async () => {
    const account = await newAccount(t);
    const { key } = await signIn(t, account);
    const { result } = await signedCall(t, 'POST', '/auth/credentials', { type: 'SMS_OTP', accountId: account.accountId }, key);
    const outbox = await t.admin('GET', `/outbox?to=${encodeURIComponent(account.phoneNumber)}`);
    expect(outbox.body.data[0]).toMatchObject({ channel: 'SMS', credentialId: result.body.id, code: expect.stringMatching(/^\d{6}$/) });
    // The bundle from the 201 is usable directly, without a /challenge.
    const bound = newClientKey();
    const body = {
      type: 'SMS_OTP',
      encryptedOtpBundle: await encryptOtp(
        outbox.body.data[0].code,
        result.body.otpEncryptionTargetBundle,
        bound.publicKey,
        await enclaveKey(t),
      ),
    };
    const { result: session } = await signedCall(t, 'POST', `/auth/credentials/${result.body.id}/verify`, body, bound);
    expect(session.status).toBe(200);
    expect(session.body).toMatchObject({ type: 'SMS_OTP', nickname: account.phoneNumber });
  });
});

describe('sandbox OTP mode', () => {
  it('uses 000000 for every code', async () => {
    const sandbox = await startEmulator({ otpMode: 'sandbox', legacyPlaintextOtp: true });
    try {
      const account = await newAccount(sandbox);
      const { session } = await signInWithSeedOtp(sandbox, account.emailCredentialId, account.email);
      expect(await latestCode(sandbox, account.email)).toBe('000000');
      expect(session.type).toBe('EMAIL_OTP');
    } finally {
      await sandbox.close();
    }
  });
});

describe('rate limits', () => {
  it('locks a credential out after 5 bad codes in 10 minutes, with Retry-After', async () => {
    const local = await startEmulator({ legacyPlaintextOtp: true });
    try {
      const account = await newAccount(local);
      await local.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`);
      const code = await latestCode(local, account.email);
      const wrong = code === '000001' ? '000002' : '000001';
      const verify = (otp: string) =>
        local.grid('POST', `/auth/credentials/${account.emailCredentialId}/verify`, {
          type: 'EMAIL_OTP',
          otp,
          clientPublicKey: newClientKey().publicKeyUncompressed,
        });
      for (let i = 0; i < 5; i++) expect((await verify(wrong)).status).toBe(401);
      const limited = await verify(code);
      expect(limited.status).toBe(429);
      expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(600);
      await local.admin('POST', '/clock', { advanceSeconds: 600 });
      await local.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`);
      expect((await verify(await latestCode(local, account.email))).status).toBe(200);
    } finally {
      await local.close();
    }
  });

  it('refuses more than 5 challenges a minute per credential', async () => {
    const account = await newAccount(t);
    const challenge = () => t.grid('POST', `/auth/credentials/${account.emailCredentialId}/challenge`);
    for (let i = 0; i < 5; i++) expect((await challenge()).status).toBe(200);
    const limited = await challenge();
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});
