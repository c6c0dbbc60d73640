import { describe, expect, it } from 'vitest';
import { addOAuthCredential, revokeSession } from './flows.ts';
import { listAccountSessions, listCredentials } from './gridApi.ts';
import { fakeWallet, scriptedTransport } from './testFakes.ts';

/** The SDK's flows against a scripted transport and a fake extension: what they send, and in which order. */

const CHALLENGE = { status: 202, body: { payloadToSign: 'payload', requestId: 'Request:1', expiresAt: '2026-01-01T00:00:00Z' } };

describe('addOAuthCredential', () => {
  it('adds the OAUTH credential through a signed retry by the session', async () => {
    const { wallet, calls } = fakeWallet();
    const created = { id: 'AuthMethod:2', type: 'OAUTH' };
    const { transport, sent } = scriptedTransport(CHALLENGE, { status: 201, body: created });
    expect(
      await addOAuthCredential(wallet, transport, { sessionId: 'Session:1', accountId: 'InternalAccount:1', oidcToken: 'jwt' }),
    ).toEqual(created);
    const body = { type: 'OAUTH', accountId: 'InternalAccount:1', oidcToken: 'jwt' };
    expect(sent).toEqual([
      { method: 'POST', path: '/auth/credentials', body },
      {
        method: 'POST',
        path: '/auth/credentials',
        body,
        headers: { 'Grid-Wallet-Signature': 'stamp-of(payload)', 'Request-Id': 'Request:1' },
      },
    ]);
    expect(calls[0]).toEqual({ method: 'grid_signPayload', params: { sessionId: 'Session:1', payloadToSign: 'payload' } });
  });
});

describe('revokeSession', () => {
  it('signs with the session itself by default, or with another session, then ends it in the extension', async () => {
    for (const [signer, expected] of [
      [undefined, 'Session:1'],
      ['Session:2', 'Session:2'],
    ] as const) {
      const { wallet, calls } = fakeWallet();
      const { transport, sent } = scriptedTransport(CHALLENGE, { status: 204, body: undefined });
      await revokeSession(wallet, transport, 'Session:1', signer);
      expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /auth/sessions/Session%3A1', 'DELETE /auth/sessions/Session%3A1']);
      expect(calls.map((c) => [c.method, c.params.sessionId])).toEqual([
        ['grid_signPayload', expected],
        ['grid_endSession', 'Session:1'],
      ]);
    }
  });
});

describe('lists', () => {
  it('read the account’s credentials and active sessions', async () => {
    const { transport, sent } = scriptedTransport(
      { status: 200, body: { data: [{ id: 'AuthMethod:1' }] } },
      { status: 200, body: { data: [] } },
    );
    expect(await listCredentials(transport, 'InternalAccount:1')).toEqual([{ id: 'AuthMethod:1' }]);
    expect(await listAccountSessions(transport, 'InternalAccount:1')).toEqual([]);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /auth/credentials?accountId=InternalAccount%3A1',
      'GET /auth/sessions?accountId=InternalAccount%3A1',
    ]);
  });
});
