import { describe, expect, it } from 'vitest';
import { requestViolations } from '../../e2e/emulator/contract/check.ts';
import type { GridWalletProvider } from '../protocol/index.ts';
import { GridApiError } from './errors.ts';
import { addOAuthCredential, executeQuote, revokeSession } from './flows.ts';
import { listAccountSessions, listCredentials, type GridRequest, type GridResponse } from './gridApi.ts';
import { GridWallet } from './GridWallet.ts';

/** The SDK's flows against a scripted transport and a fake extension: what they send, and in which order. */

function fakeWallet() {
  const calls: { method: string; params: any }[] = [];
  const provider = {
    isGridWallet: true,
    version: 'test',
    request: async ({ method, params }: { method: string; params?: unknown }) => {
      calls.push({ method, params });
      if (method === 'grid_signPayload') return { signature: `stamp-of(${(params as any).payloadToSign})`, publicKey: '02ab' };
      return null;
    },
    on: () => undefined,
    removeListener: () => undefined,
  } as unknown as GridWalletProvider;
  return { wallet: new GridWallet(provider), calls };
}

/** Answers in order; every request the SDK sends must be one Grid's OpenAPI document describes. */
function scriptedTransport(...answers: GridResponse[]) {
  const sent: GridRequest[] = [];
  const transport = async (request: GridRequest) => {
    expect(requestViolations(request), `${request.method} ${request.path}`).toEqual([]);
    sent.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error(`unexpected request ${request.method} ${request.path}`);
    return answer;
  };
  return { transport, sent };
}

const CHALLENGE = { status: 202, body: { payloadToSign: 'payload', requestId: 'Request:1', expiresAt: '2026-01-01T00:00:00Z' } };

describe('executeQuote', () => {
  it('signs payloadToSign with the session (showing the summary) and executes with the stamp and an Idempotency-Key', async () => {
    const { wallet, calls } = fakeWallet();
    const { transport, sent } = scriptedTransport({ status: 200, body: { id: 'Quote:1', status: 'COMPLETED' } });
    const result = await executeQuote(wallet, transport, { sessionId: 'Session:1', quoteId: 'Quote:1', payloadToSign: 'pay', summary: 'Pay 1 USD' });
    expect(result).toEqual({ id: 'Quote:1', status: 'COMPLETED' });
    expect(calls).toEqual([{ method: 'grid_signPayload', params: { sessionId: 'Session:1', payloadToSign: 'pay', summary: 'Pay 1 USD' } }]);
    expect(sent).toEqual([
      {
        method: 'POST',
        path: '/quotes/Quote%3A1/execute',
        body: {},
        headers: { 'Grid-Wallet-Signature': 'stamp-of(pay)', 'Idempotency-Key': expect.stringMatching(/^[0-9a-f-]{36}$/) },
      },
    ]);
    expect(sent[0]!.headers).not.toHaveProperty('Request-Id');
  });

  it('uses the given Idempotency-Key and throws Grid’s error', async () => {
    const { wallet } = fakeWallet();
    const { transport, sent } = scriptedTransport({ status: 409, body: { status: 409, code: 'QUOTE_ALREADY_EXECUTED', message: 'done' } });
    const attempt = executeQuote(wallet, transport, { sessionId: 'Session:1', quoteId: 'Quote:1', payloadToSign: 'p', idempotencyKey: 'k-1' });
    await expect(attempt).rejects.toEqual(new GridApiError(409, 'QUOTE_ALREADY_EXECUTED', 'done'));
    expect(sent[0]!.headers!['Idempotency-Key']).toBe('k-1');
  });
});

describe('addOAuthCredential', () => {
  it('adds the OAUTH credential through a signed retry by the session', async () => {
    const { wallet, calls } = fakeWallet();
    const created = { id: 'AuthMethod:2', type: 'OAUTH' };
    const { transport, sent } = scriptedTransport(CHALLENGE, { status: 201, body: created });
    expect(await addOAuthCredential(wallet, transport, { sessionId: 'Session:1', accountId: 'InternalAccount:1', oidcToken: 'jwt' })).toEqual(created);
    const body = { type: 'OAUTH', accountId: 'InternalAccount:1', oidcToken: 'jwt' };
    expect(sent).toEqual([
      { method: 'POST', path: '/auth/credentials', body },
      { method: 'POST', path: '/auth/credentials', body, headers: { 'Grid-Wallet-Signature': 'stamp-of(payload)', 'Request-Id': 'Request:1' } },
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
    const { transport, sent } = scriptedTransport({ status: 200, body: { data: [{ id: 'AuthMethod:1' }] } }, { status: 200, body: { data: [] } });
    expect(await listCredentials(transport, 'InternalAccount:1')).toEqual([{ id: 'AuthMethod:1' }]);
    expect(await listAccountSessions(transport, 'InternalAccount:1')).toEqual([]);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /auth/credentials?accountId=InternalAccount%3A1', 'GET /auth/sessions?accountId=InternalAccount%3A1']);
  });
});
