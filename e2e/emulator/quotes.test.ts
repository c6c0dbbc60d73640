import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, signInWithEncryptedOtp } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { newClientKey, stamp, type ClientKey } from './testkit/turnkeyClient.ts';
import { quoteFee } from './fees.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

async function quoteFor(server = t, overrides: Record<string, unknown> = {}) {
  const account = await newAccount(server);
  const { key } = await signInWithEncryptedOtp(server, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
  const body = { sendingAccountId: account.accountId, receiver: '$alice@uma.example', amount: '12.50', currency: 'USD', ...overrides };
  const reply = await server.grid('POST', '/quotes', body);
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  return { account, key, quote: reply.body };
}

const execute = async (server: TestServer, quoteId: string, key: ClientKey | null, payload: string, extra: Record<string, string> = {}) =>
  server.grid('POST', `/quotes/${quoteId}/execute`, undefined, { ...(key && { 'Grid-Wallet-Signature': await stamp(payload, key) }), ...extra });

describe('quotes', () => {
  it('creates a PENDING quote whose payloadToSign is an EXECUTE_QUOTE activity', async () => {
    const { account, quote } = await quoteFor();
    expect(quote).toMatchObject({ id: expect.stringMatching(/^Quote:/), status: 'PENDING', sendingAccountId: account.accountId, receiver: '$alice@uma.example', amount: '12.50', currency: 'USD', fee: '0.10' });
    const payload = JSON.parse(quote.payloadToSign);
    expect(payload.type).toBe('ACTIVITY_TYPE_EXECUTE_QUOTE');
    expect(payload.parameters).toEqual({ amount: '12.50', currency: 'USD', fee: '0.10', quoteId: quote.id, receiver: '$alice@uma.example', sendingAccountId: account.accountId });
    expect(quote.payloadToSign).toBe(
      `{"organizationId":"${payload.organizationId}","parameters":{"amount":"12.50","currency":"USD","fee":"0.10","quoteId":"${quote.id}","receiver":"$alice@uma.example","sendingAccountId":"${account.accountId}"},"timestampMs":"${payload.timestampMs}","type":"ACTIVITY_TYPE_EXECUTE_QUOTE"}`,
    );
  });

  it('executes with a stamp from a session of the sending account; the same Idempotency-Key replays the result', async () => {
    const { quote, key } = await quoteFor(t, { receiver: 'DE89370400440532013000', currency: 'EUR' });
    const done = await execute(t, quote.id, key, quote.payloadToSign, { 'Idempotency-Key': 'pay-1' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ id: quote.id, status: 'COMPLETED', currency: 'EUR' });
    const replay = await execute(t, quote.id, key, quote.payloadToSign, { 'Idempotency-Key': 'pay-1' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(done.body);
    const second = await execute(t, quote.id, key, quote.payloadToSign, { 'Idempotency-Key': 'pay-2' });
    expect(second.status).toBe(409);
  });

  it('answers the documented 401 codes for a missing, malformed, wrong or unauthorised stamp', async () => {
    const { quote, key } = await quoteFor();
    expect((await execute(t, quote.id, null, quote.payloadToSign)).body.code).toBe('WALLET_SIGNATURE_MISSING');
    expect((await execute(t, quote.id, null, quote.payloadToSign, { 'Grid-Wallet-Signature': 'e30' })).body.code).toBe('WALLET_SIGNATURE_MALFORMED');
    expect((await execute(t, quote.id, key, quote.payloadToSign.replace('12.50', '99.50'))).body.code).toBe('WALLET_SIGNATURE_INVALID');
    const stranger = await execute(t, quote.id, newClientKey(), quote.payloadToSign);
    expect(stranger.status).toBe(401);
    expect(stranger.body.code).toBe('UNAUTHORIZED');
    // Still executable by the right key afterwards.
    expect((await execute(t, quote.id, key, quote.payloadToSign)).body.status).toBe('COMPLETED');
  });

  it('refuses an expired quote', async () => {
    const local = await startEmulator();
    try {
      const { quote, key } = await quoteFor(local);
      await local.admin('POST', '/clock', { advanceSeconds: 301 });
      const reply = await execute(local, quote.id, key, quote.payloadToSign);
      expect(reply.status).toBe(400);
      expect(reply.body.code).toBe('QUOTE_EXPIRED');
    } finally {
      await local.close();
    }
  });

  it.each([
    [{ amount: 12.5 }, 'amount'],
    [{ amount: '0.00' }, 'amount'],
    [{ amount: '1e3' }, 'amount'],
    [{ currency: 'usd' }, 'currency'],
    [{ receiver: '' }, 'receiver'],
    [{ sendingAccountId: 'acct_1' }, 'sendingAccountId'],
  ])('validates %o', async (override, field) => {
    const account = await newAccount(t);
    const reply = await t.grid('POST', '/quotes', { sendingAccountId: account.accountId, receiver: 'r', amount: '1.00', currency: 'USD', ...override });
    expect(reply.status).toBe(400);
    expect(reply.body.details.errors[0].field).toBe(field);
  });

  it('computes fees in decimal, never in floating point', () => {
    expect(quoteFee('12.50')).toBe('0.10');
    expect(quoteFee('0.0005')).toBe('0.0001');
    expect(quoteFee('1000')).toBe('8.00');
    expect(quoteFee('0.01')).toBe('0.01');
  });
});
