import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '@grid-wallet/emulator';
import { createGridRelay, type GridRelayOptions, type RelayedCall } from './relay.ts';

const TOKEN = { id: 'emulator-token', secret: 'emulator-secret' };
const APP = 'http://app.example';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await createEmulator({ port: 0 });
});
afterAll(() => emulator.close());

/** A relay to `emulator` whose hook allows all and records what it saw, plus what reached Grid. */
function relay(options: Partial<GridRelayOptions> = {}) {
  const seen: RelayedCall[] = [];
  const sent: { url: string; init: RequestInit }[] = [];
  const handler = createGridRelay({
    gridUrl: emulator.url,
    apiToken: TOKEN,
    authorize: (call) => {
      seen.push(call);
      return true;
    },
    fetch: async (url, init) => {
      sent.push({ url: String(url), init: init! });
      return fetch(url, init);
    },
    ...options,
  });
  return { handler, seen, sent };
}

async function newAccount(): Promise<{ account: { id: string }; credential: { id: string } }> {
  const reply = await fetch(`${emulator.url}/_emulator/accounts`, { method: 'POST', body: JSON.stringify({ email: 'relay@example.com' }) });
  return reply.json();
}

describe('createGridRelay', () => {
  it('forwards an allowed call under Grid’s prefix with Basic auth, ids decoded for the hook and re-encoded for Grid', async () => {
    const { account, credential } = await newAccount();
    const { handler, seen, sent } = relay();
    const reply = await handler(
      new Request(`${APP}/api/grid/auth/credentials/${encodeURIComponent(credential.id)}/challenge`, { method: 'POST', body: '{}' }),
    );
    expect(reply.status).toBe(200);
    expect(await reply.json()).toMatchObject({ id: credential.id, accountId: account.id });
    expect(seen).toEqual([
      { method: 'POST', route: '/auth/credentials/:AuthMethod/challenge', ids: { AuthMethod: credential.id }, body: {} },
    ]);
    expect(sent[0]!.url).toBe(`${emulator.url}/grid/2025-10-13/auth/credentials/${encodeURIComponent(credential.id)}/challenge`);
    expect((sent[0]!.init.headers as Record<string, string>).Authorization).toBe(`Basic ${btoa('emulator-token:emulator-secret')}`);

    const listed = await handler(new Request(`${APP}/api/grid/auth/credentials?accountId=${encodeURIComponent(account.id)}`));
    expect((await listed.json()).data).toEqual([expect.objectContaining({ id: credential.id })]);
    expect(seen[1]!.ids).toEqual({ accountId: account.id });
  });

  it('passes only Grid-Wallet-Signature, Request-Id and Idempotency-Key; the page’s own Authorization and cookies stay behind', async () => {
    const { handler, sent } = relay();
    await handler(
      new Request(`${APP}/api/grid/quotes/Quote:00000000-0000-4000-8000-000000000000/execute`, {
        method: 'POST',
        headers: {
          'Grid-Wallet-Signature': 'sig',
          'Request-Id': 'Request:1',
          'Idempotency-Key': 'k1',
          Authorization: 'Bearer page',
          Cookie: 'sid=1',
        },
      }),
    );
    expect(sent[0]!.init.headers).toEqual({
      Authorization: `Basic ${btoa('emulator-token:emulator-secret')}`,
      'Grid-Wallet-Signature': 'sig',
      'Request-Id': 'Request:1',
      'Idempotency-Key': 'k1',
    });
  });

  it('refuses what is not on the list, a wrong method, a malformed id, body or query, before Grid hears of it', async () => {
    const { handler, sent, seen } = relay();
    const cases: [Request, number, string][] = [
      [new Request(`${APP}/api/grid/customers`), 404, 'ROUTE_NOT_RELAYED'],
      [new Request(`${APP}/api/grid/quotes/Quote:1/..%2F..%2Fcustomers`), 404, 'ROUTE_NOT_RELAYED'],
      [new Request(`${APP}/api/grid/quotes`, { method: 'DELETE' }), 405, 'METHOD_NOT_ALLOWED'],
      [new Request(`${APP}/api/grid/quotes/${encodeURIComponent('Quote:1/../../customers')}`), 400, 'INVALID_INPUT'],
      [new Request(`${APP}/api/grid/quotes/Session:1`), 400, 'INVALID_INPUT'],
      [new Request(`${APP}/api/grid/quotes/Quote%3A%E0%A4%A`), 400, 'INVALID_INPUT'],
      [new Request(`${APP}/api/grid/quotes`, { method: 'POST', body: '[1]' }), 400, 'INVALID_INPUT'],
      [new Request(`${APP}/api/grid/auth/sessions?accountId=InternalAccount:1&limit=5`), 400, 'INVALID_INPUT'],
      [new Request(`${APP}/elsewhere/quotes`), 404, 'ROUTE_NOT_RELAYED'],
      [new Request(`${APP}/api/grid/auth/sessions/Session:1`, { method: 'DELETE', body: '{}' }), 400, 'INVALID_INPUT'],
      [
        new Request(`${APP}/api/grid/quotes/Quote:1/execute`, { method: 'POST', headers: { 'Grid-Wallet-Signature': 'not base64url!' } }),
        400,
        'INVALID_INPUT',
      ],
      [
        new Request(`${APP}/api/grid/quotes/Quote:1/execute`, { method: 'POST', headers: { 'Request-Id': 'Session:1' } }),
        400,
        'INVALID_INPUT',
      ],
      [
        new Request(`${APP}/api/grid/quotes/Quote:1/execute`, { method: 'POST', headers: { 'Idempotency-Key': 'has space' } }),
        400,
        'INVALID_INPUT',
      ],
    ];
    for (const [request, status, code] of cases) {
      const reply = await handler(request);
      expect([request.url, reply.status, (await reply.json()).code]).toEqual([request.url, status, code]);
    }
    expect((await handler(new Request(`${APP}/api/grid/quotes`, { method: 'PUT' }))).headers.get('allow')).toBe('POST');
    expect([sent, seen]).toEqual([[], []]);
  });

  it('answers 403 when the hook says the user does not own what the call names; nothing reaches Grid', async () => {
    const { account } = await newAccount();
    const { handler, sent } = relay({ authorize: (call) => call.ids.accountId !== account.id });
    const reply = await handler(new Request(`${APP}/api/grid/auth/sessions?accountId=${account.id}`));
    expect(reply.status).toBe(403);
    expect(await reply.json()).toEqual({ status: 403, code: 'FORBIDDEN', message: 'You may not GET /auth/sessions' });
    expect(sent).toEqual([]);
  });

  it('answers 502 GRID_UNREACHABLE when Grid does not answer, without the token', async () => {
    const closed = await createEmulator({ port: 0 });
    await closed.close();
    const { handler } = relay({ gridUrl: closed.url, fetch: undefined });
    const reply = await handler(new Request(`${APP}/api/grid/quotes/Quote:00000000-0000-4000-8000-000000000000`));
    expect(reply.status).toBe(502);
    const text = await reply.text();
    expect(JSON.parse(text)).toMatchObject({ status: 502, code: 'GRID_UNREACHABLE' });
    expect(text).not.toContain(TOKEN.secret);
    expect(text).not.toContain(btoa('emulator-token:emulator-secret'));
  });
});
