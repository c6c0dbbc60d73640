import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, signInWithEncryptedOtp } from './testkit/flows.ts';
import { basic, GRID, startEmulator, type Reply, type TestServer } from './testkit/http.ts';
import { newClientKey } from './testkit/turnkeyClient.ts';

/** The HTTP surface: authentication, routing, body limits and Grid's error shape for bad input. */
let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

function expectGridError(reply: Reply, status: number, code: string): void {
  expect(reply.status, JSON.stringify(reply.body)).toBe(status);
  expect(reply.body).toMatchObject({ status, code, message: expect.any(String) });
  expect(JSON.stringify(reply.body)).not.toMatch(/\bat .*\.ts:\d+/); // no stack traces
}

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('authentication', () => {
  it.each([
    ['missing', 'none' as const],
    ['wrong secret', { basic: basic('emulator-token', 'nope') }],
    ['wrong token id', { basic: basic('other', 'emulator-secret') }],
    ['not Basic', { basic: 'Bearer emulator-secret' }],
    ['the Authsignal key', 'authsignal' as const],
  ])('401 UNAUTHORIZED for %s Basic credentials on Grid routes', async (_, auth) => {
    const reply = await t.request('GET', `${GRID}/auth/sessions?accountId=InternalAccount:${UNKNOWN}`, { auth });
    expectGridError(reply, 401, 'UNAUTHORIZED');
    expect(reply.headers.get('www-authenticate')).toMatch(/^Basic/);
  });

  it('accepts a custom token from the options', async () => {
    const custom = await startEmulator({ apiToken: { id: 'id-1', secret: 's3cret' } });
    try {
      expect(
        (
          await custom.request('GET', `${GRID}/auth/sessions?accountId=InternalAccount:${UNKNOWN}`, {
            auth: { basic: basic('id-1', 's3cret') },
          })
        ).status,
      ).toBe(200);
      expect((await custom.grid('GET', `/auth/sessions?accountId=InternalAccount:${UNKNOWN}`)).status).toBe(200);
      expect(
        (
          await custom.request('GET', `${GRID}/auth/sessions?accountId=InternalAccount:${UNKNOWN}`, {
            auth: { basic: basic('emulator-token', 'emulator-secret') },
          })
        ).status,
      ).toBe(401);
    } finally {
      await custom.close();
    }
  });
});

describe('routing', () => {
  it('404 REFERENCE_NOT_FOUND (Grid lists no NOT_FOUND) for unknown routes, 405 with Allow for a wrong method', async () => {
    expectGridError(await t.grid('GET', '/auth/nothing-here'), 404, 'REFERENCE_NOT_FOUND');
    expectGridError(await t.request('GET', '/', { auth: 'none' }), 404, 'REFERENCE_NOT_FOUND');
    const wrong = await t.grid('PUT', '/auth/credentials');
    expectGridError(wrong, 405, 'METHOD_NOT_ALLOWED');
    expect(wrong.headers.get('allow')).toBe('POST, GET');
    expect((await t.request('GET', '/v1/nothing', { auth: 'authsignal' })).body).toEqual({
      error: 'not_found',
      errorDescription: expect.any(String),
    });
  });

  it("404 for unknown credential, session, account, customer and quote ids (and ids of the wrong form), with Grid's code where it has one", async () => {
    for (const [method, path, body] of [
      ['DELETE', `/auth/credentials/AuthMethod:${UNKNOWN}`, undefined],
      ['POST', `/auth/credentials/AuthMethod:${UNKNOWN}/challenge`, {}],
      ['POST', `/auth/credentials/AuthMethod:${UNKNOWN}/verify`, { type: 'EMAIL_OTP', otp: '1' }],
      ['POST', '/auth/credentials/garbage/verify', { type: 'EMAIL_OTP', otp: '1' }],
      ['DELETE', `/auth/sessions/Session:${UNKNOWN}`, undefined],
      ['POST', `/auth/sessions/Session:${UNKNOWN}/refresh`, { clientPublicKey: `02${'11'.repeat(32)}` }],
    ] as const) {
      expectGridError(await t.grid(method, path, body), 404, 'REFERENCE_NOT_FOUND');
    }
    expectGridError(
      await t.grid('POST', '/auth/credentials', { type: 'EMAIL_OTP', accountId: `InternalAccount:${UNKNOWN}` }),
      404,
      'REFERENCE_NOT_FOUND',
    );
    // A missing customer is Grid's USER_NOT_FOUND (its Error404: "Customer not found"), quotes its QUOTE_NOT_FOUND;
    // every other 404 of the document has no code of its own.
    expectGridError(
      await t.grid('PATCH', `/customers/Customer:${UNKNOWN}`, { customerType: 'INDIVIDUAL', email: 'x@example.com' }),
      404,
      'USER_NOT_FOUND',
    );
    expectGridError(
      await t.grid('PATCH', `/internal-accounts/InternalAccount:${UNKNOWN}`, { privateEnabled: true }),
      404,
      'REFERENCE_NOT_FOUND',
    );
    // Quotes answer Grid's own 404 code; createQuote has no 404 in Grid's document, so an unknown source is a 400.
    expectGridError(await t.grid('POST', `/quotes/Quote:${UNKNOWN}/execute`), 404, 'QUOTE_NOT_FOUND');
    const source = { sourceType: 'ACCOUNT', accountId: `InternalAccount:${UNKNOWN}` };
    const destination = { destinationType: 'UMA_ADDRESS', umaAddress: '$r@uma.example' };
    const quote = await t.grid('POST', '/quotes', { source, destination, lockedCurrencySide: 'SENDING', lockedCurrencyAmount: 100 });
    expectGridError(quote, 400, 'INVALID_INPUT');
    expect(quote.body.details.errors[0].field).toBe('source.accountId');
  });
});

describe('list endpoints', () => {
  it.each(['/auth/credentials', '/auth/sessions'])(
    '%s: 200 [] for an unknown account, 400 for a missing or malformed accountId',
    async (path) => {
      expect((await t.grid('GET', `${path}?accountId=InternalAccount:${UNKNOWN}`)).body).toEqual({ data: [] });
      for (const query of ['', '?accountId=', '?accountId=acct_123', `?accountId=Session:${UNKNOWN}`]) {
        const reply = await t.grid('GET', `${path}${query}`);
        expectGridError(reply, 400, 'INVALID_INPUT');
        expect(reply.body.message).toMatch(/^accountId/);
      }
    },
  );
});

describe('request bodies', () => {
  it('400 INVALID_INPUT for malformed JSON', async () => {
    const reply = await t.request('POST', `${GRID}/auth/credentials`, { rawBody: '{"type": "EMAIL_OTP",' });
    expectGridError(reply, 400, 'INVALID_INPUT');
    expect(reply.body.message).toMatch(/JSON/);
  });

  // Grid's document has no 413 and no PAYLOAD_TOO_LARGE: an oversize body is its 400 INVALID_INPUT, naming the body.
  it('400 INVALID_INPUT naming the body for a body over 64 KiB, refused from its Content-Length', async () => {
    const reply = await t.request('POST', `${GRID}/auth/credentials`, {
      rawBody: JSON.stringify({ type: 'EMAIL_OTP', pad: 'x'.repeat(70_000) }),
    });
    expectGridError(reply, 400, 'INVALID_INPUT');
    expect(reply.body.details.errors[0].field).toBe('body');
  });

  it('400 for a chunked upload once it passes 64 KiB, without waiting for the rest', async () => {
    const url = new URL(`${t.emulator.url}${GRID}/auth/credentials`);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        url,
        { method: 'POST', headers: { Authorization: basic('emulator-token', 'emulator-secret'), 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          resolve(res.statusCode!);
        },
      );
      req.on('error', reject);
      // 80 KiB sent, and the request deliberately never ended: the answer must not depend on it.
      for (let i = 0; i < 10; i++) req.write('x'.repeat(8 * 1024));
    });
    expect(status).toBe(400);
  });

  const account = () => newAccount(t);
  it.each([
    ['not an object', () => [] as unknown, 'body'],
    ['a missing type', async () => ({ accountId: (await account()).accountId }), 'type'],
    ['an unknown type', async () => ({ type: 'PASSWORD', accountId: (await account()).accountId }), 'type'],
    ['a numeric accountId', () => ({ type: 'EMAIL_OTP', accountId: 42 }), 'accountId'],
    ['a malformed accountId', () => ({ type: 'EMAIL_OTP', accountId: 'acct_1' }), 'accountId'],
    ['an OAUTH add without oidcToken', async () => ({ type: 'OAUTH', accountId: (await account()).accountId }), 'oidcToken'],
    [
      'a PASSKEY add without attestation',
      async () => ({ type: 'PASSKEY', accountId: (await account()).accountId, nickname: 'n', challenge: 'AAAA' }),
      'attestation',
    ],
  ])('POST /auth/credentials: 400 naming the field for %s', async (_, make, field) => {
    const reply = await t.grid('POST', '/auth/credentials', await make());
    expectGridError(reply, 400, 'INVALID_INPUT');
    expect(reply.body.details.errors[0].field).toBe(field);
  });

  it('POST …/verify: 400 naming the field for each bad body', async () => {
    const { emailCredentialId } = await account();
    const path = `/auth/credentials/${emailCredentialId}/verify`;
    const cases: [unknown, string][] = [
      [undefined, 'body'],
      [{ otp: '123456' }, 'type'],
      [{ type: 'PASSKEY', assertion: {} }, 'type'],
      [{ type: 'EMAIL_OTP' }, 'encryptedOtpBundle'],
      [{ type: 'EMAIL_OTP', encryptedOtpBundle: 7 }, 'encryptedOtpBundle'],
      // The removed plaintext-OTP flow, without the emulator's legacy option.
      [{ type: 'EMAIL_OTP', otp: '123456', clientPublicKey: newClientKey().publicKeyUncompressed }, 'otp'],
    ];
    for (const [body, field] of cases) {
      const reply = await t.grid('POST', path, body);
      expectGridError(reply, 400, 'INVALID_INPUT');
      expect(reply.body.details.errors[0].field, JSON.stringify(body)).toBe(field);
    }
  });

  it('POST …/verify with legacyPlaintextOtp: 400 naming the field for each bad seed-flow body', async () => {
    const legacy = await startEmulator({ legacyPlaintextOtp: true });
    try {
      const { emailCredentialId } = await newAccount(legacy);
      const cases: [unknown, string][] = [
        [{ type: 'EMAIL_OTP', otp: '123456' }, 'clientPublicKey'],
        [{ type: 'EMAIL_OTP', otp: '123456', clientPublicKey: '04abcd' }, 'clientPublicKey'],
        [{ type: 'EMAIL_OTP', otp: '123456', clientPublicKey: `02${'ff'.repeat(32)}` }, 'clientPublicKey'],
        [{ type: 'EMAIL_OTP', otp: '123456', encryptedOtpBundle: '{}' }, 'otp'],
      ];
      for (const [body, field] of cases) {
        const reply = await legacy.grid('POST', `/auth/credentials/${emailCredentialId}/verify`, body);
        expectGridError(reply, 400, 'INVALID_INPUT');
        expect(reply.body.details.errors[0].field, JSON.stringify(body)).toBe(field);
      }
    } finally {
      await legacy.close();
    }
  });

  it('POST …/refresh, POST …/challenge and POST /quotes: 400 naming the field', async () => {
    const { accountId, email, emailCredentialId } = await account();
    const { session } = await signInWithEncryptedOtp(t, { id: emailCredentialId, type: 'EMAIL_OTP', to: email });
    for (const body of [undefined, {}, { clientPublicKey: 42 }]) {
      const reply = await t.grid('POST', `/auth/sessions/${session.id}/refresh`, body);
      expectGridError(reply, 400, 'INVALID_INPUT');
    }
    expectGridError(await t.grid('POST', `/auth/credentials/${emailCredentialId}/challenge`, 'text'), 400, 'INVALID_INPUT');
    const destination = { destinationType: 'UMA_ADDRESS', umaAddress: '$r@uma.example' };
    const quote = await t.grid('POST', '/quotes', { source: { sourceType: 'ACCOUNT', accountId }, destination, lockedCurrencyAmount: 100 });
    expectGridError(quote, 400, 'INVALID_INPUT');
    expect(quote.body.details.errors[0].field).toBe('lockedCurrencySide');
  });
});
