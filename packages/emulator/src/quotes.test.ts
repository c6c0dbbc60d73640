import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { latestCode, newAccount, signInWithEncryptedOtp, type TestAccount } from './testkit/flows.ts';
import { startEmulator, type TestServer } from './testkit/http.ts';
import { newClientKey, stamp, type ClientKey } from './testkit/turnkeyClient.ts';
import { price, quoteFee, currency } from './pricing.ts';

let t: TestServer;
beforeAll(async () => {
  t = await startEmulator();
});
afterAll(() => t.close());

const UMA = { destinationType: 'UMA_ADDRESS', umaAddress: '$alice@uma.example', currency: 'EUR' };

const quoteRequest = (account: TestAccount, overrides: Record<string, unknown> = {}) => ({
  source: { sourceType: 'ACCOUNT', accountId: account.accountId },
  destination: UMA,
  lockedCurrencySide: 'SENDING',
  lockedCurrencyAmount: 1250,
  ...overrides,
});

async function quoteFor(server = t, options: { scaRequired?: boolean; overrides?: Record<string, unknown> } = {}) {
  const account = await newAccount(server, { scaRequired: options.scaRequired ?? false });
  const { key } = await signInWithEncryptedOtp(server, { id: account.emailCredentialId, type: 'EMAIL_OTP', to: account.email });
  const reply = await server.grid('POST', '/quotes', quoteRequest(account, options.overrides));
  expect(reply.status, JSON.stringify(reply.body)).toBe(201);
  const instruction = reply.body.paymentInstructions.find((i: any) => i.accountOrWalletInfo.accountType === 'EMBEDDED_WALLET');
  return { account, key, quote: reply.body, payloadToSign: instruction.accountOrWalletInfo.payloadToSign as string };
}

const execute = async (
  server: TestServer,
  quoteId: string,
  key: ClientKey | null,
  payload: string,
  extra: Record<string, string> = {},
  body?: unknown,
) =>
  server.grid('POST', `/quotes/${quoteId}/execute`, body, { ...(key && { 'Grid-Wallet-Signature': await stamp(payload, key) }), ...extra });

describe('POST /quotes', () => {
  it("answers Grid's Quote: every required field, amounts in the smallest unit, the wallet's SIGN_TRANSACTION_V2 payload in an EMBEDDED_WALLET instruction", async () => {
    const { account, quote, payloadToSign } = await quoteFor();
    expect(quote).toEqual({
      id: expect.stringMatching(/^Quote:[0-9a-f-]{36}$/),
      status: 'PENDING',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
      expiresAt: expect.stringMatching(/Z$/),
      source: { sourceType: 'ACCOUNT', accountId: account.accountId, customerId: expect.stringMatching(/^Customer:/) },
      destination: UMA,
      sendingCurrency: { code: 'USD', name: 'United States Dollar', symbol: '$', decimals: 2 },
      receivingCurrency: { code: 'EUR', name: 'Euro', symbol: '€', decimals: 2 },
      // 12.50 USD, fee 0.8 % rounded up = 0.10, the remaining 12.40 USD at 0.92 = 11.40 EUR (rounded down).
      totalSendingAmount: 1250,
      totalReceivingAmount: 1140,
      exchangeRate: 0.92,
      feesIncluded: 10,
      platformFeesIncluded: 0,
      paymentInstructions: [{ accountOrWalletInfo: { accountType: 'EMBEDDED_WALLET', payloadToSign } }],
      transactionId: expect.stringMatching(/^Transaction:[0-9a-f-]{36}$/),
    });
    expect(Date.parse(quote.expiresAt) - Date.parse(quote.createdAt)).toBe(300_000);
    // Byte for byte in the key order of Grid's own example, not re-serialised.
    const payload = JSON.parse(payloadToSign);
    expect(Object.keys(payload)).toEqual(['type', 'timestampMs', 'organizationId', 'parameters', 'generateAppProofs']);
    expect(payloadToSign).toBe(
      `{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"${payload.timestampMs}","organizationId":"${payload.organizationId}",` +
        `"parameters":{"signWith":"${payload.parameters.signWith}","unsignedTransaction":"${payload.parameters.unsignedTransaction}","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}`,
    );
    expect(payload.organizationId).toMatch(/^org_[0-9a-f]{32}$/);
    expect(payload.parameters.signWith).toMatch(/^wallet_[0-9a-f]{20}$/);
    expect(payload.parameters.unsignedTransaction).toMatch(/^[0-9a-f]{64}$/);
    // GET /quotes/{id} tells the same story.
    expect((await t.grid('GET', `/quotes/${quote.id}`)).body).toEqual(quote);
  });

  it('locks the receiving side: the fee is added on top of what the recipient must get', async () => {
    const { quote } = await quoteFor(t, {
      overrides: { lockedCurrencySide: 'RECEIVING', lockedCurrencyAmount: 1000, destination: { ...UMA, currency: 'BTC' } },
    });
    expect(quote.receivingCurrency).toEqual({ code: 'BTC', name: 'Bitcoin', symbol: '₿', decimals: 8 });
    expect(quote.totalReceivingAmount).toBe(1000);
    // 1000 sat at 0.000011 BTC per USD = 0.909… USD → 91 cents, fee 1 cent.
    expect(quote).toMatchObject({ totalSendingAmount: 92, feesIncluded: 1 });
  });

  it('an ACCOUNT destination receives in the sending currency', async () => {
    const destination = { destinationType: 'ACCOUNT', accountId: 'ExternalAccount:a12dcbd6-dced-4ec4-b756-3c3a9ea3d123' };
    const { quote } = await quoteFor(t, { overrides: { destination } });
    expect(quote).toMatchObject({
      destination,
      receivingCurrency: { code: 'USD' },
      totalSendingAmount: 1250,
      totalReceivingAmount: 1240,
      feesIncluded: 10,
    });
  });

  it.each([
    [{ lockedCurrencyAmount: '1250' }, 'lockedCurrencyAmount', 'INVALID_INPUT'],
    [{ lockedCurrencyAmount: 12.5 }, 'lockedCurrencyAmount', 'INVALID_INPUT'],
    [{ lockedCurrencyAmount: 0 }, 'lockedCurrencyAmount', 'INVALID_INPUT'],
    [{ lockedCurrencyAmount: 1 }, 'lockedCurrencyAmount', 'AMOUNT_OUT_OF_RANGE'],
    [{ lockedCurrencySide: 'sending' }, 'lockedCurrencySide', 'INVALID_INPUT'],
    [{ destination: { ...UMA, currency: 'XYZ' } }, 'destination.currency', 'INVALID_CURRENCY'],
    [{ destination: { ...UMA, umaAddress: 'alice@uma.example' } }, 'destination.umaAddress', 'INVALID_UMA_ADDRESS'],
    [{ destination: { destinationType: 'ACCOUNT', accountId: 'acct_1' } }, 'destination.accountId', 'INVALID_INPUT'],
    [{ destination: { destinationType: 'IBAN' } }, 'destination.destinationType', 'INVALID_INPUT'],
    [
      { source: { sourceType: 'ACCOUNT', accountId: 'InternalAccount:e85dcbd6-dced-4ec4-b756-3c3a9ea3d965' } },
      'source.accountId',
      'INVALID_INPUT',
    ],
    [{ source: { sourceType: 'ACCOUNT' } }, 'source.accountId', 'INVALID_INPUT'],
    [{ source: undefined }, 'source', 'INVALID_INPUT'],
    [{ immediatelyExecute: true }, 'immediatelyExecute', 'INVALID_INPUT'],
  ])('refuses %o naming the field', async (override, field, code) => {
    const account = await newAccount(t);
    const reply = await t.grid('POST', '/quotes', quoteRequest(account, override));
    expect(reply.status, JSON.stringify(reply.body)).toBe(400);
    expect(reply.body).toMatchObject({ status: 400, code, details: { errors: [{ field }] } });
  });

  it('the same Idempotency-Key returns the first answer (one quote); a refused request leaves its key free', async () => {
    const account = await newAccount(t, { scaRequired: false });
    const key = { 'Idempotency-Key': `quote-${account.accountId}` };
    const refused = await t.grid('POST', '/quotes', quoteRequest(account, { lockedCurrencyAmount: 0 }), key);
    expect(refused.status).toBe(400);
    const first = await t.grid('POST', '/quotes', quoteRequest(account), key);
    const again = await t.grid('POST', '/quotes', quoteRequest(account), key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    const other = await t.grid('POST', '/quotes', quoteRequest(account), { 'Idempotency-Key': `other-${account.accountId}` });
    expect(other.body.id).not.toBe(first.body.id);
  });

  it('answers 501 NOT_IMPLEMENTED for a realtime-funding source', async () => {
    const account = await newAccount(t);
    const reply = await t.grid('POST', '/quotes', quoteRequest(account, { source: { sourceType: 'REALTIME_FUNDING', currency: 'USD' } }));
    expect(reply.status).toBe(501);
    expect(reply.body.code).toBe('NOT_IMPLEMENTED');
  });
});

describe('POST /quotes/{id}/execute', () => {
  it('executes with a stamp over the payment instruction by a session of the source account; the same Idempotency-Key replays the answer', async () => {
    const { quote, key, payloadToSign } = await quoteFor();
    const done = await execute(t, quote.id, key, payloadToSign, { 'Idempotency-Key': 'pay-1' });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ ...quote, status: 'COMPLETED' });
    const replay = await execute(t, quote.id, key, payloadToSign, { 'Idempotency-Key': 'pay-1' });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(done.body);
    const second = await execute(t, quote.id, key, payloadToSign, { 'Idempotency-Key': 'pay-2' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ status: 409, code: 'CONFLICT' });
  });

  it('answers the documented 401 codes for a missing, malformed, wrong or unauthorised stamp, and 404 QUOTE_NOT_FOUND', async () => {
    const { quote, key, payloadToSign } = await quoteFor();
    expect((await execute(t, quote.id, null, payloadToSign)).body.code).toBe('WALLET_SIGNATURE_MISSING');
    expect((await execute(t, quote.id, null, payloadToSign, { 'Grid-Wallet-Signature': 'e30' })).body.code).toBe(
      'WALLET_SIGNATURE_MALFORMED',
    );
    const tampered = payloadToSign.replace(/"unsignedTransaction":"[0-9a-f]{4}/, '"unsignedTransaction":"0000');
    expect(tampered).not.toBe(payloadToSign);
    expect((await execute(t, quote.id, key, tampered)).body.code).toBe('WALLET_SIGNATURE_INVALID');
    const stranger = await execute(t, quote.id, newClientKey(), payloadToSign);
    expect(stranger.status).toBe(401);
    expect(stranger.body.code).toBe('UNAUTHORIZED');
    const missing = await execute(t, 'Quote:00000000-0000-4000-8000-000000000000', key, payloadToSign);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ status: 404, code: 'QUOTE_NOT_FOUND' });
    // Still executable by the right key afterwards.
    expect((await execute(t, quote.id, key, payloadToSign)).body.status).toBe('COMPLETED');
  });

  it('refuses an expired quote with 409, and reads it as EXPIRED', async () => {
    const local = await startEmulator();
    try {
      const { quote, key, payloadToSign } = await quoteFor(local);
      await local.admin('POST', '/clock', { advanceSeconds: 301 });
      const reply = await execute(local, quote.id, key, payloadToSign);
      expect(reply.status).toBe(409);
      expect(reply.body).toMatchObject({ status: 409, code: 'CONFLICT', message: expect.stringContaining('expired') });
      expect((await local.grid('GET', `/quotes/${quote.id}`)).body.status).toBe('EXPIRED');
    } finally {
      await local.close();
    }
  });

  it('takes an optional ExecuteQuoteRequest body; only SMS_OTP is offered as scaFactor', async () => {
    const { quote, key, payloadToSign } = await quoteFor();
    const passkey = await execute(t, quote.id, key, payloadToSign, {}, { scaFactor: 'PASSKEY' });
    expect(passkey.status).toBe(400);
    expect(passkey.body.details.errors[0].field).toBe('scaFactor');
    expect((await execute(t, quote.id, key, payloadToSign, {}, { scaFactor: 'SMS_OTP' })).body.status).toBe('COMPLETED');
  });
});

describe('Strong Customer Authentication (PENDING_AUTHORIZATION → POST /quotes/{id}/authorize)', () => {
  it('execute answers PENDING_AUTHORIZATION with an scaChallenge and sends the code by SMS; authorize with it completes the transfer', async () => {
    const { account, quote, key, payloadToSign } = await quoteFor(t, { scaRequired: true });
    const pending = await execute(t, quote.id, key, payloadToSign, { 'Idempotency-Key': 'sca-1' });
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ id: quote.id, status: 'PENDING_AUTHORIZATION' });
    expect(pending.body.scaChallenge).toEqual({
      id: expect.stringMatching(/^ScaChallenge:/),
      expiresAt: expect.stringMatching(/Z$/),
      factor: 'SMS_OTP',
      availableFactors: ['SMS_OTP'],
      purpose: 'TRANSFER',
    });
    const code = await latestCode(t, account.phoneNumber);
    expect(JSON.stringify(pending.body)).not.toContain(`"${code}"`);
    // Re-calling execute is a conflict (the same Idempotency-Key replays the first answer).
    expect((await execute(t, quote.id, key, payloadToSign)).status).toBe(409);
    expect((await execute(t, quote.id, key, payloadToSign, { 'Idempotency-Key': 'sca-1' })).body).toEqual(pending.body);

    const wrong = await t.grid('POST', `/quotes/${quote.id}/authorize`, { code: code === '000000' ? '000001' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details.errors[0].field).toBe('code');
    const authorized = await t.grid('POST', `/quotes/${quote.id}/authorize`, { code });
    expect(authorized.status).toBe(200);
    expect(authorized.body.status).toBe('COMPLETED');
    expect(authorized.body.scaChallenge).toBeUndefined();
    const again = await t.grid('POST', `/quotes/${quote.id}/authorize`, { code });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
  });

  it('resend delivers the same code again (204); a customer without SCA gets 409 from authorize and resend', async () => {
    const { account, quote, key, payloadToSign } = await quoteFor(t, { scaRequired: true });
    expect((await t.grid('POST', `/quotes/${quote.id}/authorize/resend`)).status).toBe(409); // nothing pending before execute
    await execute(t, quote.id, key, payloadToSign);
    const first = await latestCode(t, account.phoneNumber);
    expect((await t.grid('POST', `/quotes/${quote.id}/authorize/resend`)).status).toBe(204);
    const outbox = await t.admin('GET', `/outbox?to=${encodeURIComponent(account.phoneNumber)}`);
    expect(outbox.body.data.slice(0, 2).map((m: any) => m.code)).toEqual([first, first]);

    const plain = await quoteFor();
    await execute(t, plain.quote.id, plain.key, plain.payloadToSign);
    expect((await t.grid('POST', `/quotes/${plain.quote.id}/authorize`, { code: '123456' })).status).toBe(409);
    expect((await t.grid('POST', `/quotes/${plain.quote.id}/authorize/resend`)).status).toBe(409);
  });

  it('in sandbox mode the code is 123456, as Grid sandbox documents', async () => {
    const local = await startEmulator({ otpMode: 'sandbox' });
    try {
      const { quote, key, payloadToSign } = await quoteFor(local, { scaRequired: true });
      await execute(local, quote.id, key, payloadToSign);
      expect((await local.grid('POST', `/quotes/${quote.id}/authorize`, { code: '123456' })).body.status).toBe('COMPLETED');
    } finally {
      await local.close();
    }
  });
});

describe('pricing', () => {
  it('computes fees and conversions on integers of the smallest unit', () => {
    expect(quoteFee(1250n)).toBe(10n);
    expect(quoteFee(1n)).toBe(1n);
    expect(quoteFee(100_000n)).toBe(800n);
    const usd = currency('USD', 'x');
    expect(price(usd, usd, 'SENDING', 9_000_000_000_000)).toMatchObject({
      totalSendingAmount: 9_000_000_000_000,
      feesIncluded: 72_000_000_000,
      totalReceivingAmount: 8_928_000_000_000,
    });
    expect(price(usd, currency('BTC', 'x'), 'SENDING', 100_000)).toMatchObject({ feesIncluded: 800, totalReceivingAmount: 1_091_200 });
  });
});
