import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, signedCall, signIn } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { newClientKey, openSessionKey } from './testkit/turnkeyClient.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

const nonceFor = (clientPublicKey: string) => createHash('sha256').update(clientPublicKey).digest('hex');

async function token(server: TestServer, claims: Record<string, unknown>): Promise<string> {
  const reply = await server.admin('POST', '/oauth/token', { sub: 'google-sub-1', email: 'ann@gmail.example', ...claims });
  expect(reply.status).toBe(201);
  return reply.body.oidcToken;
}

/** A JWT-shaped token with arbitrary claims and a dummy signature, as a test IdP would mint it. */
function handMade(claims: Record<string, unknown>): string {
  const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2ln`;
}

async function accountWithOauth(server = t, claims: Record<string, unknown> = {}) {
  const account = await newAccount(server);
  const { key } = await signIn(server, account);
  const { challenge, result } = await signedCall(
    server,
    'POST',
    '/auth/credentials',
    { type: 'OAUTH', accountId: account.accountId, oidcToken: await token(server, claims) },
    key,
  );
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return {
    account,
    credentialId: result.body.id as string,
    added: result.body,
    payloadToSign: challenge.body.payloadToSign as string,
    emailKey: key,
  };
}

function verify(server: TestServer, credentialId: string, oidcToken: string, clientPublicKey: string) {
  return server.grid('POST', `/auth/credentials/${credentialId}/verify`, { type: 'OAUTH', oidcToken, clientPublicKey });
}

describe('adding an OAUTH credential', () => {
  it('signs CREATE_OAUTH_PROVIDERS and takes the nickname from the email claim', async () => {
    const { added, payloadToSign } = await accountWithOauth();
    expect(added).toMatchObject({ type: 'OAUTH', nickname: 'ann@gmail.example' });
    const payload = JSON.parse(payloadToSign);
    expect(payload.type).toBe('ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS');
    expect(payload.parameters.oauthProviders[0].providerName).toBe('Google');
    expect(Object.keys(payload.parameters)).toEqual(['oauthProviders', 'userId']);
  });

  it('names Apple for an Apple token, and refuses the same identity twice', async () => {
    const { account, emailKey, payloadToSign } = await accountWithOauth(t, { iss: 'https://appleid.apple.com', sub: 'apple-sub' });
    expect(JSON.parse(payloadToSign).parameters.oauthProviders[0].providerName).toBe('Apple');
    const again = await t.grid('POST', '/auth/credentials', {
      type: 'OAUTH',
      accountId: account.accountId,
      oidcToken: await token(t, { iss: 'https://appleid.apple.com', sub: 'apple-sub' }),
    });
    expect(again.status).toBe(400);
    // Grid lists no OAUTH_CREDENTIAL_ALREADY_EXISTS: INVALID_INPUT naming the token.
    expect(again.body).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'oidcToken' }] } });
    const other = await signedCall(
      t,
      'POST',
      '/auth/credentials',
      { type: 'OAUTH', accountId: account.accountId, oidcToken: await token(t, { sub: 'another' }) },
      emailKey,
    );
    expect(other.result.status).toBe(201);
  });

  it('refuses (401) to register a token issued more than 60 s (+5 s skew) ago, as Grid requires of registration too', async () => {
    const local = await startEmulator();
    try {
      const account = await newAccount(local);
      const { key } = await signIn(local, account);
      const stale = await token(local, {});
      await local.admin('POST', '/clock', { advanceSeconds: 66 });
      const body = { type: 'OAUTH', accountId: account.accountId, oidcToken: stale };
      const leg1 = await local.grid('POST', '/auth/credentials', body);
      expect(leg1.status).toBe(401);
      expect(leg1.body).toMatchObject({ code: 'UNAUTHORIZED', details: { reason: expect.stringMatching(/iat/) } });
      // A fresh token registers.
      const fresh = await signedCall(local, 'POST', '/auth/credentials', { ...body, oidcToken: await token(local, {}) }, key);
      expect(fresh.result.status).toBe(201);
    } finally {
      await local.close();
    }
  });

  it.each([
    ['a non-JWT', 'not-a-jwt'],
    ['the retired sandbox literal', 'sandbox-valid-oidc-token'],
    ['an unsupported issuer', handMade({ iss: 'https://login.example', aud: 'a', sub: 's', iat: 1, exp: 9e9 })],
    ['a two-element aud', handMade({ iss: 'accounts.google.com', aud: ['a', 'b'], sub: 's', iat: 1, exp: 9e9 })],
    ['a missing sub', handMade({ iss: 'accounts.google.com', aud: 'a', iat: 1, exp: 9e9 })],
  ])('answers 400 INVALID_INPUT for %s', async (_, oidcToken) => {
    const account = await newAccount(t);
    const reply = await t.grid('POST', '/auth/credentials', { type: 'OAUTH', accountId: account.accountId, oidcToken });
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ code: 'INVALID_INPUT', details: { errors: [{ field: 'oidcToken' }] } });
  });

  it('has no /challenge', async () => {
    const { credentialId } = await accountWithOauth();
    expect((await t.grid('POST', `/auth/credentials/${credentialId}/challenge`, {})).status).toBe(400);
  });
});

describe('signing in with OAUTH', () => {
  it('with a compressed key: nonce = sha256(clientPublicKey), client-held session key', async () => {
    const { credentialId } = await accountWithOauth();
    const key = newClientKey();
    const reply = await verify(t, credentialId, await token(t, { nonce: nonceFor(key.publicKey) }), key.publicKey);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body).toMatchObject({ type: 'OAUTH', nickname: 'ann@gmail.example' });
    expect(reply.body.encryptedSessionSigningKey).toBeUndefined();
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${reply.body.id}`, undefined, key)).result.status).toBe(204);
  });

  it('with an uncompressed key: a sealed session key (nonce over the exact hex text)', async () => {
    const { credentialId } = await accountWithOauth();
    const key = newClientKey();
    const upper = key.publicKeyUncompressed.toUpperCase();
    const reply = await verify(t, credentialId, await token(t, { nonce: nonceFor(upper) }), upper);
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    const sessionKey = openSessionKey(reply.body.encryptedSessionSigningKey, key);
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${reply.body.id}`, undefined, sessionKey)).result.status).toBe(204);
  });

  it('rejects a missing or wrong nonce, or another identity', async () => {
    const { credentialId } = await accountWithOauth();
    const key = newClientKey();
    const nonce = nonceFor(key.publicKey);
    const failures: [string, string][] = [
      ['missing nonce', await token(t, {})],
      ['wrong nonce', await token(t, { nonce: nonceFor(newClientKey().publicKey) })],
      ['another sub', await token(t, { nonce, sub: 'someone-else' })],
      ['another aud', await token(t, { nonce, aud: 'other-client' })],
    ];
    for (const [what, oidcToken] of failures) {
      const reply = await verify(t, credentialId, oidcToken, key.publicKey);
      expect(reply.status, what).toBe(401);
      expect(reply.body.code, what).toBe('UNAUTHORIZED');
    }
    expect((await verify(t, credentialId, await token(t, { nonce }), key.publicKey)).status).toBe(200);
  });

  it('rejects an expired token, and one issued more than 60 s (+5 s skew) ago', async () => {
    const local = await startEmulator();
    try {
      const { credentialId } = await accountWithOauth(local);
      const key = newClientKey();
      const nonce = nonceFor(key.publicKey);
      const now = Math.floor(Date.now() / 1000);
      const expired = handMade({
        iss: 'https://accounts.google.com',
        aud: 'emulator-oauth-client',
        sub: 'google-sub-1',
        iat: now,
        exp: now - 1,
        nonce,
      });
      expect((await verify(local, credentialId, expired, key.publicKey)).body.details.reason).toMatch(/expired/);
      const stale = await token(local, { nonce });
      await local.admin('POST', '/clock', { advanceSeconds: 60 });
      expect((await verify(local, credentialId, stale, key.publicKey)).status).toBe(200);
      await local.admin('POST', '/clock', { advanceSeconds: 6 });
      const late = await verify(local, credentialId, stale, key.publicKey);
      expect(late.status).toBe(401);
      expect(late.body.details.reason).toMatch(/iat/);
    } finally {
      await local.close();
    }
  });
});
