import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskey, newAccount, signedCall, signInWithEncryptedOtp, signIn, signInWithPasskey } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { SoftwareAuthenticator } from './testkit/softwareAuthenticator.ts';
import { newClientKey, openSessionKey, stamp } from './testkit/turnkeyClient.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

async function signedIn(server = t) {
  const account = await newAccount(server);
  const signIn = await signInWithEncryptedOtp(server, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
  return { account, ...signIn };
}

const listSessions = async (accountId: string, server = t) =>
  (await server.grid('GET', `/auth/sessions?accountId=${accountId}`)).body.data as any[];

describe('refresh', () => {
  it('with a compressed key: 202 without type, stamped by the session itself → 201 new session on the new key', async () => {
    const { account, session, key } = await signedIn();
    const next = newClientKey();
    const { challenge, result } = await signedCall(
      t,
      'POST',
      `/auth/sessions/${session.id}/refresh`,
      { clientPublicKey: next.publicKey },
      key,
    );
    expect(challenge.body.type).toBeUndefined();
    const payload = JSON.parse(challenge.body.payloadToSign);
    expect(payload).toMatchObject({
      type: 'ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2',
      parameters: { targetPublicKey: next.publicKey, expirationSeconds: '900' },
    });
    expect(Object.keys(payload.parameters)).toEqual(['apiKeyName', 'expirationSeconds', 'targetPublicKey', 'userId']);
    expect(result.status).toBe(201);
    expect(result.body.id).not.toBe(session.id);
    expect(result.body).toMatchObject({ type: 'EMAIL_OTP', nickname: account.email });
    expect(result.body.encryptedSessionSigningKey).toBeUndefined();
    // The new key signs; the old session is left to expire.
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${result.body.id}`, undefined, next)).result.status).toBe(204);
    expect((await listSessions(account.accountId)).map((s) => s.id)).toEqual([session.id]);
  });

  it('with an uncompressed key: a sealed key for the new session', async () => {
    const { session, key } = await signedIn();
    const next = newClientKey();
    const { result } = await signedCall(
      t,
      'POST',
      `/auth/sessions/${session.id}/refresh`,
      { clientPublicKey: next.publicKeyUncompressed },
      key,
    );
    expect(result.status).toBe(201);
    const sessionKey = openSessionKey(result.body.encryptedSessionSigningKey, next);
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${result.body.id}`, undefined, sessionKey)).result.status).toBe(204);
  });

  it('must be signed by the session being refreshed, with the same clientPublicKey on both legs', async () => {
    const { account, session, key } = await signedIn();
    const other = await signInWithEncryptedOtp(t, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
    const path = `/auth/sessions/${session.id}/refresh`;
    const body = { clientPublicKey: newClientKey().publicKey };
    const leg1 = await t.grid('POST', path, body);
    const byOther = await t.grid('POST', path, body, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, other.key),
      'Request-Id': leg1.body.requestId,
    });
    expect(byOther.status).toBe(401);
    expect(byOther.body.code).toBe('UNAUTHORIZED');
    const swapped = await t.grid(
      'POST',
      path,
      { clientPublicKey: newClientKey().publicKey },
      { 'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key), 'Request-Id': leg1.body.requestId },
    );
    expect(swapped.body.code).toBe('WALLET_SIGNATURE_BODY_MISMATCH');
  });

  it('only works while the session is active', async () => {
    const local = await startEmulator({ sessionTtlSeconds: 120 });
    try {
      const { session, key } = await signedIn(local);
      const path = `/auth/sessions/${session.id}/refresh`;
      const body = { clientPublicKey: newClientKey().publicKey };
      const leg1 = await local.grid('POST', path, body);
      await local.admin('POST', '/clock', { advanceSeconds: 121 });
      const leg2 = await local.grid('POST', path, body, {
        'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, key),
        'Request-Id': leg1.body.requestId,
      });
      expect(leg2.status).toBe(401);
      expect((await local.grid('POST', path, body)).status).toBe(401);
      expect((await local.grid('POST', '/auth/sessions/Session:00000000-0000-4000-8000-000000000000/refresh', body)).status).toBe(404);
    } finally {
      await local.close();
    }
  });
});

describe('revoking a session', () => {
  it('self-signed logout: DELETE_API_KEYS, 204, gone from the list, cannot sign any more, 404 afterwards', async () => {
    const { account, session, key } = await signedIn();
    const { challenge, result } = await signedCall(t, 'DELETE', `/auth/sessions/${session.id}`, undefined, key);
    expect(challenge.body.type).toBe('EMAIL_OTP');
    expect(JSON.parse(challenge.body.payloadToSign)).toMatchObject({
      type: 'ACTIVITY_TYPE_DELETE_API_KEYS',
      parameters: { apiKeyIds: [session.id] },
    });
    expect(result.status).toBe(204);
    expect(result.body).toBeUndefined();
    expect(await listSessions(account.accountId)).toEqual([]);
    const { result: leg2 } = await signedCall(t, 'POST', '/auth/credentials', { type: 'SMS_OTP', accountId: account.accountId }, key);
    expect(leg2.status).toBe(401);
    expect((await t.grid('DELETE', `/auth/sessions/${session.id}`)).status).toBe(404);
  });

  it('by another session of the account, but not by a session of another account', async () => {
    const { account, session } = await signedIn();
    const stranger = await signedIn();
    const leg1 = await t.grid('DELETE', `/auth/sessions/${session.id}`);
    const byStranger = await t.grid('DELETE', `/auth/sessions/${session.id}`, undefined, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, stranger.key),
      'Request-Id': leg1.body.requestId,
    });
    expect(byStranger.status).toBe(401);
    const other = await signInWithEncryptedOtp(t, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${session.id}`, undefined, other.key)).result.status).toBe(204);
    expect((await listSessions(account.accountId)).map((s) => s.id)).toEqual([other.session.id]);
  });
});

describe('revoking a credential', () => {
  async function withPasskey() {
    const account = await newAccount(t);
    const email = await signIn(t, account);
    const authenticator = new SoftwareAuthenticator();
    const passkey = (await addPasskey(t, account.accountId, email.key, authenticator)).body;
    const passkeySession = await signInWithPasskey(t, passkey.id, authenticator, 'compressed');
    return { account, email, passkey, passkeySession };
  }

  it('signed by a session of another credential: 204, and the credential sessions go with it', async () => {
    const { account, email, passkey, passkeySession } = await withPasskey();
    const { challenge, result } = await signedCall(t, 'DELETE', `/auth/credentials/${passkey.id}`, undefined, email.key);
    expect(challenge.body.type).toBe('PASSKEY');
    expect(JSON.parse(challenge.body.payloadToSign)).toMatchObject({
      type: 'ACTIVITY_TYPE_DELETE_AUTHENTICATORS',
      parameters: { authenticatorIds: [passkey.id] },
    });
    expect(result.status).toBe(204);
    const sessions = (await listSessions(account.accountId)).map((s) => s.id);
    expect(sessions).toContain(email.session.id);
    expect(sessions).not.toContain(passkeySession.session.id);
    expect((await t.grid('GET', `/auth/credentials?accountId=${account.accountId}`)).body.data.map((c: any) => c.id)).toEqual([
      account.emailCredentialId,
    ]);
    expect((await t.grid('POST', `/auth/credentials/${passkey.id}/challenge`, { clientPublicKey: newClientKey().publicKey })).status).toBe(
      404,
    );
  });

  it('refuses a signer whose session belongs to the credential being revoked', async () => {
    const { passkey, passkeySession } = await withPasskey();
    const leg1 = await t.grid('DELETE', `/auth/credentials/${passkey.id}`);
    const reply = await t.grid('DELETE', `/auth/credentials/${passkey.id}`, undefined, {
      'Grid-Wallet-Signature': await stamp(leg1.body.payloadToSign, passkeySession.key),
      'Request-Id': leg1.body.requestId,
    });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'UNAUTHORIZED', details: { reason: expect.stringMatching(/another credential/) } });
  });

  it('never removes the last credential (400), and an EMAIL_OTP revocation clears the email', async () => {
    const { account, passkey, passkeySession } = await withPasskey();
    const { challenge, result } = await signedCall(
      t,
      'DELETE',
      `/auth/credentials/${account.emailCredentialId}`,
      undefined,
      passkeySession.key,
    );
    expect(JSON.parse(challenge.body.payloadToSign)).toMatchObject({
      type: 'ACTIVITY_TYPE_UPDATE_USER_EMAIL',
      parameters: { userEmail: '' },
    });
    expect(result.status).toBe(204);
    const last = await t.grid('DELETE', `/auth/credentials/${passkey.id}`);
    expect(last.status).toBe(400);
    expect(last.body).toMatchObject({ status: 400, code: 'INVALID_INPUT', details: { reason: 'LAST_CREDENTIAL' } });
    // EMAIL_OTP can be added back, signed by the passkey session.
    expect(
      (await signedCall(t, 'POST', '/auth/credentials', { type: 'EMAIL_OTP', accountId: account.accountId }, passkeySession.key)).result
        .status,
    ).toBe(201);
  });
});

describe('expiry', () => {
  it('an expired session is not listed and cannot sign', async () => {
    const local = await startEmulator({ sessionTtlSeconds: 30 });
    try {
      const { account, session, key } = await signedIn(local);
      expect(Date.parse(session.expiresAt) - Date.parse(session.createdAt)).toBe(30_000);
      await local.admin('POST', '/clock', { advanceSeconds: 30 });
      expect(await listSessions(account.accountId, local)).toEqual([]);
      const { result: leg2 } = await signedCall(local, 'POST', '/auth/credentials', { type: 'SMS_OTP', accountId: account.accountId }, key);
      expect(leg2.status).toBe(401);
      expect((await local.grid('DELETE', `/auth/sessions/${session.id}`)).status).toBe(404);
    } finally {
      await local.close();
    }
  });
});
