import { describe, expect, it } from 'vitest';
import { GridApiError, GridSdkError } from './errors.ts';
import type { GridRequest } from './gridApi.ts';
import { embeddedWalletPayload, payQuote, type Quote, quoteDisplay } from './payments.ts';
import { fakeWallet, scriptedTransport } from './testFakes.ts';

/** payQuote against a scripted Grid and a fake extension: what is signed, shown and sent, in which order. */

const PAYLOAD =
  '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1746736509954","organizationId":"org_abc123","parameters":{"signWith":"wallet_abc123def456","unsignedTransaction":"ea69b4bf05f775209f26ff0a34a05569180f7936579d5c4af9377ae550194f72","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}';

/** Grid's createQuote example, with the embedded wallet's payment instruction. */
const QUOTE: Quote = {
  id: 'Quote:019542f5-b3e7-1d02-0000-000000000006',
  status: 'PENDING',
  createdAt: '2025-10-03T12:00:00Z',
  expiresAt: '2025-10-03T12:05:00Z',
  source: { sourceType: 'ACCOUNT', accountId: 'InternalAccount:e85dcbd6-dced-4ec4-b756-3c3a9ea3d965' },
  destination: { destinationType: 'UMA_ADDRESS', umaAddress: '$receiver@uma.domain.com', currency: 'EUR' },
  sendingCurrency: { code: 'USD', name: 'United States Dollar', symbol: '$', decimals: 2 },
  receivingCurrency: { code: 'EUR', name: 'Euro', symbol: '€', decimals: 2 },
  totalSendingAmount: 10000,
  totalReceivingAmount: 9200,
  exchangeRate: 0.92,
  feesIncluded: 10,
  platformFeesIncluded: 0,
  paymentInstructions: [
    { accountOrWalletInfo: { accountType: 'USD_ACCOUNT', accountNumber: '1234567890', routingNumber: '021000021' } },
    { accountOrWalletInfo: { accountType: 'EMBEDDED_WALLET', payloadToSign: PAYLOAD } },
  ],
  transactionId: 'Transaction:019542f5-b3e7-1d02-0000-000000000005',
};
const PATH = '/quotes/Quote%3A019542f5-b3e7-1d02-0000-000000000006';
const SCA = { id: 'ScaChallenge:1', expiresAt: '2025-10-03T12:05:00Z', factor: 'SMS_OTP', availableFactors: ['SMS_OTP'] } as const;
const pending = { status: 200, body: { ...QUOTE, status: 'PENDING_AUTHORIZATION', scaChallenge: SCA } };
const completed = { status: 200, body: { ...QUOTE, status: 'COMPLETED' } };

describe('payQuote', () => {
  it("signs the EMBEDDED_WALLET instruction's payload byte for byte, with the quote as display context, then executes with the stamp and an Idempotency-Key", async () => {
    const { wallet, calls } = fakeWallet();
    const { transport, sent } = scriptedTransport(completed);
    expect(await payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1' })).toEqual(completed.body);
    expect(calls).toEqual([
      {
        method: 'grid_signPayload',
        params: {
          sessionId: 'Session:1',
          payloadToSign: PAYLOAD,
          display: {
            payment: {
              sending: { amount: 10000, currency: { code: 'USD', decimals: 2, symbol: '$', name: 'United States Dollar' } },
              receiving: { amount: 9200, currency: { code: 'EUR', decimals: 2, symbol: '€', name: 'Euro' } },
              fee: { amount: 10, currency: { code: 'USD', decimals: 2, symbol: '$', name: 'United States Dollar' } },
              destination: '$receiver@uma.domain.com',
              expiresAt: '2025-10-03T12:05:00Z',
              quoteId: QUOTE.id,
            },
          },
        },
      },
    ]);
    // Grid's execute: no body unless an scaFactor is wanted, no Request-Id.
    expect(sent).toEqual([
      {
        method: 'POST',
        path: `${PATH}/execute`,
        headers: { 'Grid-Wallet-Signature': `stamp-of(${PAYLOAD})`, 'Idempotency-Key': expect.stringMatching(/^[0-9a-f-]{36}$/) },
      },
    ]);
  });

  it('answers an SCA challenge with the code typed in the extension (resend on request, again after a wrong code), looping until the quote leaves PENDING_AUTHORIZATION', async () => {
    const { wallet, calls } = fakeWallet({ resend: true }, { otp: '111111' }, { otp: '123456' }, { otp: '654321' });
    const wrong = { status: 400, body: { status: 400, code: 'INVALID_INPUT', message: 'code: is not the code that was sent' } };
    const second = { status: 200, body: { ...pending.body, scaChallenge: { ...SCA, id: 'ScaChallenge:2', purpose: 'PAYOUT' } } };
    const { transport, sent } = scriptedTransport(pending, { status: 204, body: undefined }, wrong, second, completed);
    const done = await payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1', idempotencyKey: 'pay-1', scaDestination: '+1•••123' });
    expect(done.status).toBe('COMPLETED');
    expect(sent.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', `${PATH}/execute`, undefined],
      ['POST', `${PATH}/authorize/resend`, undefined],
      ['POST', `${PATH}/authorize`, { code: '111111' }],
      ['POST', `${PATH}/authorize`, { code: '123456' }],
      ['POST', `${PATH}/authorize`, { code: '654321' }],
    ]);
    expect(sent[0]!.headers!['Idempotency-Key']).toBe('pay-1');
    // A code prompt without an enclave bundle: the page receives the code and relays it.
    const prompts = calls.filter((c) => c.method === 'grid_collectOtp').map((c) => c.params);
    expect(prompts).toHaveLength(4);
    expect(prompts[0]).toEqual({ credentialId: 'ScaChallenge:1', expiresAt: SCA.expiresAt, channel: 'SMS', destination: '+1•••123' });
    expect(prompts[3].credentialId).toBe('ScaChallenge:2');
  });

  it('gives up after three wrong codes with Grid’s error', async () => {
    const { wallet } = fakeWallet({ otp: '1' }, { otp: '2' }, { otp: '3' });
    const wrong = { status: 400, body: { status: 400, code: 'INVALID_INPUT', message: 'wrong' } };
    const { transport } = scriptedTransport(pending, wrong, wrong, wrong);
    await expect(payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1' })).rejects.toEqual(
      new GridApiError(400, 'INVALID_INPUT', 'wrong'),
    );
  });

  it('refuses a quote it cannot pay before anything is signed, and throws Grid’s 409', async () => {
    const { wallet, calls } = fakeWallet();
    const { transport, sent } = scriptedTransport({
      status: 409,
      body: { status: 409, code: 'CONFLICT', message: 'This quote has expired' },
    });
    await expect(payQuote(wallet, transport, { ...QUOTE, status: 'EXPIRED' }, { sessionId: 'Session:1' })).rejects.toThrow(/is EXPIRED/);
    await expect(
      payQuote(wallet, transport, { ...QUOTE, paymentInstructions: [QUOTE.paymentInstructions![0]!] }, { sessionId: 'Session:1' }),
    ).rejects.toThrow(/no EMBEDDED_WALLET payment instruction/);
    expect(calls).toEqual([]);
    expect(sent).toEqual([]);
    await expect(payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1' })).rejects.toEqual(
      new GridApiError(409, 'CONFLICT', 'This quote has expired'),
    );
  });

  it('refuses a passkey SCA challenge rather than typing a code for it', async () => {
    const { wallet } = fakeWallet();
    const { transport } = scriptedTransport({ status: 200, body: { ...pending.body, scaChallenge: { ...SCA, factor: 'PASSKEY' } } });
    await expect(payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1' })).rejects.toThrow(/passkey/);
  });
});

describe('payQuote errors', () => {
  it('names the argument at fault in a typed error, before anything is signed', async () => {
    const { wallet, calls } = fakeWallet();
    const { transport, sent } = scriptedTransport();
    const refused = (quote: unknown, options: unknown) => payQuote(wallet, transport, quote as Quote, options as { sessionId: string });
    await expect(refused(undefined, { sessionId: 'Session:1' })).rejects.toMatchObject({
      name: 'GridSdkError',
      code: 'INVALID_ARGUMENT',
      field: 'quote',
      message: 'quote must be an object, got undefined',
    });
    await expect(refused({ ...QUOTE, id: '' }, { sessionId: 'Session:1' })).rejects.toMatchObject({ field: 'quote.id' });
    await expect(refused(QUOTE, {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', field: 'options.sessionId' });
    await expect(refused({ ...QUOTE, status: 'EXPIRED' }, { sessionId: 'Session:1' })).rejects.toMatchObject({ code: 'QUOTE_NOT_PAYABLE' });
    expect([calls, sent]).toEqual([[], []]);
  });

  it('a transport failure after the customer signed carries the signature and key; the retry re-uses both without asking again', async () => {
    const { wallet, calls } = fakeWallet();
    const sent: GridRequest[] = [];
    const failing = async (request: GridRequest) => {
      sent.push(request);
      throw new TypeError('Failed to fetch');
    };
    const error = await payQuote(wallet, failing, QUOTE, { sessionId: 'Session:1', idempotencyKey: 'payment-7' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GridSdkError);
    expect(error).toMatchObject({
      code: 'TRANSPORT_FAILED',
      message: `POST ${PATH}/execute did not reach Grid: Failed to fetch. The customer signed: retry with the error's payment`,
      cause: expect.any(TypeError),
      payment: { idempotencyKey: 'payment-7', signature: `stamp-of(${PAYLOAD})` },
    });
    expect(calls).toHaveLength(1);

    const { transport, sent: retried } = scriptedTransport(completed);
    expect(await payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1', ...(error as GridSdkError).payment })).toEqual(
      completed.body,
    );
    expect(calls).toHaveLength(1); // the customer was not asked twice
    expect(retried.map((r) => r.headers)).toEqual([sent[0]!.headers]);
  });

  it('refuses a signature without the idempotency key it was sent with', async () => {
    const { wallet } = fakeWallet();
    const { transport } = scriptedTransport();
    await expect(payQuote(wallet, transport, QUOTE, { sessionId: 'Session:1', signature: 'stamp' })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      field: 'options.idempotencyKey',
    });
  });
});

describe('quoteDisplay / embeddedWalletPayload', () => {
  it('uses a label for the destination when given, an account id otherwise, and nothing without the sending currency’s decimals', () => {
    expect(quoteDisplay(QUOTE, "Ada's bank ••1234")?.payment?.destination).toBe("Ada's bank ••1234");
    const toAccount = { ...QUOTE, destination: { destinationType: 'ACCOUNT' as const, accountId: 'ExternalAccount:1' } };
    expect(quoteDisplay(toAccount)?.payment?.destination).toBe('ExternalAccount:1');
    expect(quoteDisplay({ ...QUOTE, sendingCurrency: { code: 'USD' } })).toBeUndefined();
    expect(quoteDisplay({ ...QUOTE, receivingCurrency: {} })?.payment).not.toHaveProperty('receiving');
    expect(embeddedWalletPayload(QUOTE)).toBe(PAYLOAD);
  });
});
