import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPasskey, newAccount, signedCall, signIn, signInWithPasskey, type TestAccount } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { SoftwareAuthenticator } from './testkit/softwareAuthenticator.ts';
import { DEFAULTS, EXTENSION_ORIGIN, FIREFOX_WEBAUTHN_ORIGIN } from './options.ts';
import { originAllowed, rpIdsFor } from './passkeys.ts';
import { newClientKey, type ClientKey } from './testkit/turnkeyClient.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

interface WithPasskey {
  readonly account: TestAccount;
  readonly emailKey: ClientKey;
  readonly authenticator: SoftwareAuthenticator;
  readonly credentialId: string;
}

async function accountWithPasskey(server = t, authenticator = new SoftwareAuthenticator()): Promise<WithPasskey> {
  const account = await newAccount(server);
  const { key } = await signIn(server, account);
  const added = await addPasskey(server, account.accountId, key, authenticator);
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  return { account, emailKey: key, authenticator, credentialId: added.body.id };
}

async function passkeyChallenge(server: TestServer, credentialId: string, clientPublicKey = newClientKey().publicKey) {
  const reply = await server.grid('POST', `/auth/credentials/${credentialId}/challenge`, { clientPublicKey });
  expect(reply.status).toBe(200);
  return reply.body;
}

function verify(server: TestServer, credentialId: string, assertion: unknown, requestId?: string) {
  return server.grid(
    'POST',
    `/auth/credentials/${credentialId}/verify`,
    { type: 'PASSKEY', assertion },
    requestId ? { 'Request-Id': requestId } : {},
  );
}

describe('relying-party policy', () => {
  it('accepts exact origins and any port for a ":*" entry, nothing else', () => {
    const allowed = ['chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen', 'http://localhost:*'];
    for (const origin of ['chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen', 'http://localhost', 'http://localhost:5173']) {
      expect(originAllowed(allowed, origin), origin).toBe(true);
    }
    for (const origin of [
      'chrome-extension://otherid',
      'https://localhost:5173',
      'http://localhost.evil.example',
      'http://localhost:5173/path',
      'http://127.0.0.1:5173',
    ]) {
      expect(originAllowed(allowed, origin), origin).toBe(false);
    }
  });

  it("accepts by default only the extension's origins, computed from the manifest key and the gecko id", () => {
    // As Chromium loaded the development build; Firefox's for the development and the store add-on ids.
    expect(DEFAULTS.webauthnOrigins).toEqual([
      'chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen',
      'moz-extension://bdickelpgdlhllbfbekpjoogdpiigocmpkjhclmbjlckgkeadomijeojjimidkea',
      'moz-extension://oneikofhpjgcfleadacmmjbjcolhdafcnljlfpffefnjnfihkimopkahmifecdla',
    ]);
    expect(DEFAULTS.passkeyRpId).toBe('localhost');
  });

  it("expects the project's RP ID, and a Chrome extension's own origin for the passkeys it made before site RP IDs", () => {
    expect(rpIdsFor(EXTENSION_ORIGIN, 'example.com')).toEqual(['example.com', EXTENSION_ORIGIN]);
    expect(rpIdsFor(FIREFOX_WEBAUTHN_ORIGIN, 'example.com')).toEqual(['example.com']);
    expect(rpIdsFor('https://wallet.example.com', 'example.com')).toEqual(['example.com']);
  });
});

describe('registration', () => {
  it("verifies the extension's attestation (its origin, the site's RP ID) and signs CREATE_AUTHENTICATORS_V2", async () => {
    const account = await newAccount(t);
    const { key } = await signIn(t, account);
    const authenticator = new SoftwareAuthenticator();
    const challenge = randomBytes(32).toString('base64url');
    const attestation = authenticator.register(Buffer.from(challenge, 'base64url'));
    const body = { type: 'PASSKEY', accountId: account.accountId, nickname: "  Ann's laptop (work) ", challenge, attestation };
    const { challenge: leg1, result } = await signedCall(t, 'POST', '/auth/credentials', body, key);
    const payload = JSON.parse(leg1.body.payloadToSign);
    expect(payload.type).toBe('ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2');
    expect(payload.parameters.authenticators[0]).toEqual({
      attestation: {
        attestationObject: attestation.attestationObject,
        clientDataJson: attestation.clientDataJson,
        credentialId: attestation.credentialId,
      },
      authenticatorName: "Ann's laptop (work)",
      challenge,
      transports: ['internal'],
    });
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ type: 'PASSKEY', nickname: "Ann's laptop (work)", credentialId: attestation.credentialId });
    expect(result.body.otpEncryptionTargetBundle).toBeUndefined();
    const list = await t.grid('GET', `/auth/credentials?accountId=${account.accountId}`);
    expect(list.body.data.map((c: any) => c.type).sort()).toEqual(['EMAIL_OTP', 'PASSKEY']);
  });

  it.each([
    ['Firefox (the add-on id’s origin, RP ID localhost)', { origin: FIREFOX_WEBAUTHN_ORIGIN, rpId: 'localhost' }],
    ['Chrome, made before site RP IDs (the whole extension origin as RP ID)', { origin: EXTENSION_ORIGIN, rpId: EXTENSION_ORIGIN }],
  ])('registers and signs in with a passkey from %s', async (_, options) => {
    const authenticator = new SoftwareAuthenticator(options);
    const { credentialId } = await accountWithPasskey(t, authenticator);
    expect((await signInWithPasskey(t, credentialId, authenticator, 'compressed')).session.type).toBe('PASSKEY');
  });

  it('accepts several distinct passkeys but not the same one twice', async () => {
    const { account, emailKey, authenticator } = await accountWithPasskey();
    expect((await addPasskey(t, account.accountId, emailKey, new SoftwareAuthenticator())).status).toBe(201);
    const duplicate = await t.grid('POST', '/auth/credentials', {
      type: 'PASSKEY',
      accountId: account.accountId,
      nickname: 'again',
      challenge: 'AAAA',
      attestation: authenticator.register(Buffer.from('AAAA', 'base64url')),
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.code).toBe('PASSKEY_CREDENTIAL_ALREADY_EXISTS');
  });

  it.each([
    [
      'a challenge other than the one in clientDataJson',
      (a: SoftwareAuthenticator, c: string) => ({ challenge: c, attestation: a.register(randomBytes(32)) }),
    ],
    [
      'an origin that is not accepted',
      (_: SoftwareAuthenticator, c: string) => ({
        challenge: c,
        attestation: new SoftwareAuthenticator({ origin: 'https://evil.example', rpId: 'evil.example' }).register(
          Buffer.from(c, 'base64url'),
        ),
      }),
    ],
    [
      // What a script in the site's own page gets from WebAuthn for the site's RP ID: an XSS, not the extension.
      "the site's own origin",
      (_: SoftwareAuthenticator, c: string) => ({
        challenge: c,
        attestation: new SoftwareAuthenticator({ origin: 'http://localhost:5173', rpId: 'localhost' }).register(
          Buffer.from(c, 'base64url'),
        ),
      }),
    ],
    [
      "the extension's origin under another site's RP ID",
      (_: SoftwareAuthenticator, c: string) => ({
        challenge: c,
        attestation: new SoftwareAuthenticator({ origin: FIREFOX_WEBAUTHN_ORIGIN, rpId: 'evil.example' }).register(
          Buffer.from(c, 'base64url'),
        ),
      }),
    ],
    [
      'an RP ID hash of the bare extension id',
      (_: SoftwareAuthenticator, c: string) => ({
        challenge: c,
        attestation: new SoftwareAuthenticator({ rpId: 'dljlcnjpmbacdnbgbmhbihhihjmmcmen' }).register(Buffer.from(c, 'base64url')),
      }),
    ],
    [
      'a credentialId that is not the attested one',
      (a: SoftwareAuthenticator, c: string) => ({
        challenge: c,
        attestation: { ...a.register(Buffer.from(c, 'base64url')), credentialId: 'AAAAAAAAAAAAAAAAAAAAAA' },
      }),
    ],
    [
      'no user verification',
      (a: SoftwareAuthenticator, c: string) => {
        a.userVerified = false;
        return { challenge: c, attestation: a.register(Buffer.from(c, 'base64url')) };
      },
    ],
  ])('rejects %s with 401', async (_, make) => {
    const account = await newAccount(t);
    const fields = make(new SoftwareAuthenticator(), randomBytes(32).toString('base64url'));
    const reply = await t.grid('POST', '/auth/credentials', { type: 'PASSKEY', accountId: account.accountId, nickname: 'key', ...fields });
    expect(reply.status, JSON.stringify(reply.body)).toBe(401);
    expect(reply.body.code).toBe('UNAUTHORIZED');
    expect(reply.body.details.reason).toMatch(/WebAuthn|credentialId/);
  });

  it('refuses to reuse a registration challenge', async () => {
    const { account, emailKey } = await accountWithPasskey();
    const challenge = randomBytes(32).toString('base64url');
    const body = (a: SoftwareAuthenticator) => ({
      type: 'PASSKEY',
      accountId: account.accountId,
      nickname: 'k',
      challenge,
      attestation: a.register(Buffer.from(challenge, 'base64url')),
    });
    expect((await signedCall(t, 'POST', '/auth/credentials', body(new SoftwareAuthenticator()), emailKey)).result.status).toBe(201);
    const reused = await t.grid('POST', '/auth/credentials', body(new SoftwareAuthenticator()));
    expect(reused.status).toBe(401);
  });

  it('validates the nickname and attestation fields', async () => {
    const account = await newAccount(t);
    const a = new SoftwareAuthenticator();
    const base = {
      type: 'PASSKEY',
      accountId: account.accountId,
      nickname: 'ok',
      challenge: 'AAAA',
      attestation: a.register(Buffer.from('AAAA', 'base64url')),
    };
    const cases: [unknown, string][] = [
      [{ ...base, nickname: 'bad<script>' }, 'nickname'],
      [{ ...base, nickname: 'x'.repeat(101) }, 'nickname'],
      [{ ...base, attestation: { ...base.attestation, clientDataJson: undefined } }, 'attestation.clientDataJson'],
      [{ ...base, attestation: { ...base.attestation, transports: ['bluetooth'] } }, 'attestation.transports'],
      [{ ...base, challenge: 'not base64url!' }, 'challenge'],
    ];
    for (const [body, field] of cases) {
      const reply = await t.grid('POST', '/auth/credentials', body);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('INVALID_INPUT');
      expect(reply.body.details.errors[0].field).toBe(field);
    }
  });
});

describe('sign-in', () => {
  it('with a compressed client key: the client key is the session key, nothing sealed', async () => {
    const { credentialId, authenticator, account } = await accountWithPasskey();
    const { session, key } = await signInWithPasskey(t, credentialId, authenticator, 'compressed');
    expect(session).toMatchObject({
      type: 'PASSKEY',
      accountId: account.accountId,
      credentialId: authenticator.credentialId.toString('base64url'),
    });
    expect(session.encryptedSessionSigningKey).toBeUndefined();
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${session.id}`, undefined, key)).result.status).toBe(204);
  });

  it('with an uncompressed client key: a sealed session key that then signs', async () => {
    const { credentialId, authenticator } = await accountWithPasskey();
    const { session, key } = await signInWithPasskey(t, credentialId, authenticator, 'uncompressed');
    expect(typeof session.encryptedSessionSigningKey).toBe('string');
    expect((await signedCall(t, 'DELETE', `/auth/sessions/${session.id}`, undefined, key)).result.status).toBe(204);
  });

  it("from the site's own page only where the relying party also accepts the page origin (--webauthn-origin), which the default refuses", async () => {
    const page = new SoftwareAuthenticator({ origin: 'http://localhost:5173', rpId: 'localhost' });
    const lax = await startEmulator({ webauthnOrigins: [...DEFAULTS.webauthnOrigins, 'http://localhost:*'] });
    try {
      const { credentialId } = await accountWithPasskey(lax, page);
      expect((await signInWithPasskey(lax, credentialId, page, 'compressed')).session.type).toBe('PASSKEY');
    } finally {
      await lax.close();
    }
    // The default: the customer's passkey made through the extension, asserted by the page itself
    // (same credential and RP ID, the page's origin), is refused for its origin.
    const { credentialId, authenticator } = await accountWithPasskey();
    const { challenge, requestId } = await passkeyChallenge(t, credentialId);
    authenticator.origin = 'http://localhost:5173';
    const refused = await verify(t, credentialId, authenticator.assert(Buffer.from(challenge)), requestId);
    expect(refused.status).toBe(401);
    expect(refused.body.details.reason).toBe('WebAuthn origin "http://localhost:5173" is not accepted by this emulator');
  });

  it('issues a hex challenge, a request id and an expiry', async () => {
    const { credentialId, authenticator } = await accountWithPasskey();
    const body = await passkeyChallenge(t, credentialId);
    expect(body).toMatchObject({
      type: 'PASSKEY',
      credentialId: authenticator.credentialId.toString('base64url'),
      requestId: expect.stringMatching(/^Request:/),
    });
    expect(body.challenge).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    // Each challenge binds its own client key, so two challenges differ.
    expect((await passkeyChallenge(t, credentialId)).challenge).not.toBe(body.challenge);
  });

  it('needs clientPublicKey on /challenge', async () => {
    const { credentialId } = await accountWithPasskey();
    for (const body of [undefined, {}, { clientPublicKey: `05${'ab'.repeat(32)}` }]) {
      const reply = await t.grid('POST', `/auth/credentials/${credentialId}/challenge`, body);
      expect(reply.status).toBe(400);
      expect(reply.body.message).toMatch(/^(body|clientPublicKey)/);
    }
  });

  it('rejects a missing, unknown or reused Request-Id', async () => {
    const { credentialId, authenticator } = await accountWithPasskey();
    const challenge = await passkeyChallenge(t, credentialId);
    const assertion = authenticator.assert(Buffer.from(challenge.challenge));
    expect((await verify(t, credentialId, assertion)).body.code).toBe('REQUEST_ID_MISSING');
    expect((await verify(t, credentialId, assertion, 'Request:00000000-0000-4000-8000-000000000000')).status).toBe(401);
    expect((await verify(t, credentialId, assertion, challenge.requestId)).status).toBe(200);
    const again = await verify(t, credentialId, authenticator.assert(Buffer.from(challenge.challenge)), challenge.requestId);
    expect(again.status).toBe(401);
    expect(again.body.details.reason).toMatch(/already been used/);
  });

  it('lets only one of two concurrent verifies with the same Request-Id through', async () => {
    const { credentialId, authenticator } = await accountWithPasskey();
    const challenge = await passkeyChallenge(t, credentialId);
    const assertions = [authenticator.assert(Buffer.from(challenge.challenge)), authenticator.assert(Buffer.from(challenge.challenge))];
    const replies = await Promise.all(assertions.map((a) => verify(t, credentialId, a, challenge.requestId)));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('rejects an assertion over another challenge, without UV, or with a counter that went backwards', async () => {
    const { credentialId, authenticator } = await accountWithPasskey();
    const first = await passkeyChallenge(t, credentialId);
    const otherChallenge = await verify(t, credentialId, authenticator.assert(Buffer.from('0'.repeat(64))), first.requestId);
    expect(otherChallenge.status).toBe(401);

    authenticator.userVerified = false;
    expect((await verify(t, credentialId, authenticator.assert(Buffer.from(first.challenge)), first.requestId)).status).toBe(401);
    authenticator.userVerified = true;

    expect((await verify(t, credentialId, authenticator.assert(Buffer.from(first.challenge)), first.requestId)).status).toBe(200);
    authenticator.signCount = 0; // a cloned authenticator replays an old counter
    const second = await passkeyChallenge(t, credentialId);
    const cloned = await verify(t, credentialId, authenticator.assert(Buffer.from(second.challenge)), second.requestId);
    expect(cloned.status).toBe(401);
    expect(cloned.body.details.reason).toMatch(/counter/);
  });

  it('rejects an assertion from a different passkey', async () => {
    const { credentialId } = await accountWithPasskey();
    const challenge = await passkeyChallenge(t, credentialId);
    const reply = await verify(t, credentialId, new SoftwareAuthenticator().assert(Buffer.from(challenge.challenge)), challenge.requestId);
    expect(reply.status).toBe(401);
  });

  it('accepts sandbox-valid-passkey-signature only in sandbox mode', async () => {
    for (const otpMode of ['sandbox', 'random'] as const) {
      const server = await startEmulator({ otpMode });
      try {
        const { credentialId, authenticator } = await accountWithPasskey(server);
        const challenge = await passkeyChallenge(server, credentialId);
        const assertion = { ...authenticator.assert(Buffer.from(challenge.challenge)), signature: 'sandbox-valid-passkey-signature' };
        expect((await verify(server, credentialId, assertion, challenge.requestId)).status).toBe(otpMode === 'sandbox' ? 200 : 401);
      } finally {
        await server.close();
      }
    }
  });
});
