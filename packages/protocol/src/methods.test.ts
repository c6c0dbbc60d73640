import { describe, expect, expectTypeOf, it } from 'vitest';
import { ProviderError } from './errors.ts';
import { MAX_PAYLOAD_BYTES, METHODS, type MethodParams, type ParamsOf, type SignDisplay, validateRequest } from './methods.ts';
import type { CredentialType } from './types.ts';
import { exactlyOne, opaqueId, optional, params, type Parsed, type Sent, string, timestamp } from './validate.ts';

const ACCOUNT = 'InternalAccount:019542f5-b3e7-1d02-0000-000000000002';
const FUTURE = '2030-01-01T00:00:00Z';

function fieldError(method: string, params: unknown): { field?: unknown; message: string } {
  try {
    validateRequest(method, params);
  } catch (error) {
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).code).toBe(-32602);
    return { field: (error as ProviderError).data?.field, message: (error as ProviderError).message };
  }
  throw new Error(`${method} accepted ${JSON.stringify(params)}`);
}

describe('validateRequest', () => {
  it('knows exactly the thirteen public methods', () => {
    expect(Object.keys(METHODS).sort()).toEqual(
      [
        'grid_collectOtp',
        'grid_createClientKey',
        'grid_createExportKey',
        'grid_endSession',
        'grid_getPasskeyAssertion',
        'grid_listSessions',
        'grid_openSession',
        'grid_registerPasskey',
        'grid_showWalletExport',
        'grid_signPayload',
        'wallet_connect',
        'wallet_disconnect',
        'wallet_status',
      ].sort(),
    );
    expect(() => validateRequest('hasOwnProperty', {})).toThrow(expect.objectContaining({ code: 4200 }));
  });

  it('treats missing params as {} and drops unknown and prototype keys', () => {
    expect(validateRequest('wallet_status', undefined)).toEqual({});
    const parsed = validateRequest('grid_endSession', JSON.parse('{"sessionId":"Session:1","__proto__":{"x":1},"extra":true}'));
    expect(parsed).toEqual({ sessionId: 'Session:1' });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as { x?: number }).x).toBeUndefined();
  });

  it('parses timestamps to epoch ms and accepts Authsignal unix seconds for OTP expiry', () => {
    expect(validateRequest('grid_openSession', { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: FUTURE }).expiresAt).toBe(
      Date.parse(FUTURE),
    );
    expect(validateRequest('grid_collectOtp', { credentialId: 'c1', expiresAt: 1_900_000_000 }).expiresAt).toBe(1_900_000_000_000);
  });

  it.each([
    '-Ab_9',
    '_xY-2',
    'AuthMethod:019542f5-b3e7-1d02-0000-000000000001',
    'KEbWNCc7NgaYnUyrNeFGX9_3Y-8oJ3KwzjnaiD1d1LVTxR7v3CaKfCz2Vy_g_MHSh7yJ8yL0Pxg6jo_o0hYiew',
  ])('grid_openSession takes a base64url WebAuthn credential id, even one that begins with - or _, and a Grid id (%s)', (credentialId) => {
    const opened = { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: FUTURE, credentialId };
    expect(validateRequest('grid_openSession', opened).credentialId).toBe(credentialId);
  });

  it.each([
    ['grid_openSession', { clientKeyId: 'ck_1', accountId: 'Account:1', expiresAt: FUTURE }, 'params.accountId'],
    ['grid_openSession', { clientKeyId: 'ck 1', accountId: ACCOUNT, expiresAt: FUTURE }, 'params.clientKeyId'],
    ['grid_openSession', { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: '2030-01-01' }, 'params.expiresAt'],
    ['grid_openSession', { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: FUTURE, type: 'SMS' }, 'params.type'],
    ['grid_openSession', { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: FUTURE, credentialId: 'a+b/c=' }, 'params.credentialId'],
    [
      'grid_openSession',
      { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: FUTURE, credentialId: 'x'.repeat(1401) },
      'params.credentialId',
    ],
    [
      'grid_openSession',
      { clientKeyId: 'ck_1', accountId: ACCOUNT, expiresAt: FUTURE, encryptedSessionSigningKey: '0OIl' },
      'params.encryptedSessionSigningKey',
    ],
    ['grid_signPayload', { sessionId: 's', payloadToSign: '' }, 'params.payloadToSign'],
    ['grid_signPayload', { sessionId: 's', payloadToSign: 'é'.repeat(MAX_PAYLOAD_BYTES / 2 + 1) }, 'params.payloadToSign'],
    ['grid_signPayload', { sessionId: 's', payloadToSign: 'x', summary: 'x'.repeat(281) }, 'params.summary'],
    ['grid_collectOtp', { credentialId: 'c', length: 3 }, 'params.length'],
    ['grid_collectOtp', { credentialId: 'c', channel: 'PIGEON' }, 'params.channel'],
    ['grid_collectOtp', { credentialId: 'c', alphanumeric: 'yes' }, 'params.alphanumeric'],
    [
      'grid_registerPasskey',
      { accountId: ACCOUNT, nickname: 'My <key>', challenge: 'abc', user: { id: 'aa', name: 'a', displayName: 'a' } },
      'params.nickname',
    ],
    [
      'grid_registerPasskey',
      { accountId: ACCOUNT, nickname: 'Laptop', challenge: 'a+b=', user: { id: 'aa', name: 'a', displayName: 'a' } },
      'params.challenge',
    ],
    [
      'grid_registerPasskey',
      { accountId: ACCOUNT, nickname: 'Laptop', challenge: 'abc', user: { id: 'A'.repeat(90), name: 'a', displayName: 'a' } },
      'params.user.id',
    ],
    ['grid_registerPasskey', { accountId: ACCOUNT, nickname: 'Laptop', challenge: 'abc' }, 'params.user'],
    ['grid_getPasskeyAssertion', { credentialId: 'abc' }, 'params.challenge'],
  ])('%s rejects %j naming %s', (method, params, field) => {
    const error = fieldError(method, params);
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
  });

  it('accepts payloads up to the byte limit, counting UTF-8 bytes', () => {
    expect(
      validateRequest('grid_signPayload', { sessionId: 's', payloadToSign: 'x'.repeat(MAX_PAYLOAD_BYTES) }).payloadToSign,
    ).toHaveLength(MAX_PAYLOAD_BYTES);
    expect(fieldError('grid_signPayload', { sessionId: 's', payloadToSign: '€'.repeat(MAX_PAYLOAD_BYTES / 3 + 1) }).field).toBe(
      'params.payloadToSign',
    );
  });

  it("trims a passkey nickname and allows Grid's characters", () => {
    const parsed = validateRequest('grid_registerPasskey', {
      accountId: ACCOUNT,
      nickname: "  Ada's MacBook (work) - 2_0.1 ",
      challenge: 'Y2hhbGxlbmdl',
      user: { id: 'dXNlcg', name: 'ada', displayName: 'Ada' },
    });
    expect(parsed.nickname).toBe("Ada's MacBook (work) - 2_0.1");
  });

  it("grid_signPayload's display: a payment in smallest units with each currency's decimals; bad parts are named", () => {
    const USD = { code: 'USD', decimals: 2, symbol: '$' };
    const payment = {
      sending: { amount: 1250, currency: USD },
      fee: { amount: 10, currency: USD },
      destination: '$alice@uma.example',
      expiresAt: FUTURE,
      quoteId: 'Quote:1',
    };
    const parsed = validateRequest('grid_signPayload', {
      sessionId: 'Session:1',
      payloadToSign: '{}',
      display: { payment: { ...payment, extra: 1 } },
    });
    expect(parsed.display).toEqual({ payment: { ...payment, expiresAt: Date.parse(FUTURE) } });
    const sign = (display: unknown) => fieldError('grid_signPayload', { sessionId: 'Session:1', payloadToSign: '{}', display });
    expect(sign({ payment: { ...payment, sending: { amount: 12.5, currency: USD } } }).field).toBe('params.display.payment.sending.amount');
    expect(sign({ payment: { ...payment, sending: { amount: -1, currency: USD } } }).field).toBe('params.display.payment.sending.amount');
    expect(sign({ payment: { ...payment, sending: { amount: 1, currency: { code: 'usd', decimals: 2 } } } }).field).toBe(
      'params.display.payment.sending.currency.code',
    );
    expect(sign({ payment: { ...payment, fee: { amount: 1, currency: { code: 'USD', decimals: 40 } } } }).field).toBe(
      'params.display.payment.fee.currency.decimals',
    );
    expect(sign({ payment: { ...payment, destination: 'x'.repeat(300) } }).field).toBe('params.display.payment.destination');
    expect(sign({ payment: { ...payment, expiresAt: 'soon' } }).field).toBe('params.display.payment.expiresAt');
    expect(sign({ payment: { fee: payment.fee } }).field).toBe('params.display.payment.sending');
    expect(sign('Pay 1 USD').field).toBe('params.display');
  });
});

// Checked by `tsc` (npm run typecheck): the params' types are read off the validators above.
describe('params types', () => {
  it('follow a validator: a field added to it is required of callers, an optional() one may be left out', () => {
    const before = params({ id: opaqueId });
    const after = params({ id: opaqueId, at: timestamp, note: optional(string({ max: 8 })) });
    expectTypeOf<Sent<typeof before>>().toEqualTypeOf<{ id: string }>();
    expectTypeOf<Sent<typeof after>>().toEqualTypeOf<{ id: string; at: string; note?: string }>();
    expectTypeOf<Parsed<typeof after>>().toEqualTypeOf<{ id: string; at: number; note?: string }>();
    // @ts-expect-error `at` is required once the validator has it
    const missing: Sent<typeof after> = { id: 'x' };
    expect(() => after(missing, 'params')).toThrow('params.at');
  });

  it('grid_openSession: what a page sends and what the handler gets, optional fields as `?:`', () => {
    expectTypeOf<MethodParams['grid_openSession']>().toEqualTypeOf<{
      clientKeyId: string;
      accountId: string;
      expiresAt: string;
      sessionId?: string;
      credentialId?: string;
      type?: CredentialType;
      nickname?: string;
      encryptedSessionSigningKey?: string;
    }>();
    expectTypeOf<ParamsOf<'grid_openSession'>['expiresAt']>().toEqualTypeOf<number>();
    // @ts-expect-error expiresAt is required
    const missing: MethodParams['grid_openSession'] = { clientKeyId: 'ck_1', accountId: ACCOUNT };
    expect(fieldError('grid_openSession', missing).field).toBe('params.expiresAt');
  });

  it('grid_signPayload takes exactly one of sessionId and clientKeyId', () => {
    expectTypeOf<MethodParams['grid_signPayload']>().toEqualTypeOf<
      | { sessionId: string; clientKeyId?: never; payloadToSign: string; summary?: string; display?: SignDisplay }
      | { clientKeyId: string; sessionId?: never; payloadToSign: string; summary?: string; display?: SignDisplay }
    >();
    const bySession: MethodParams['grid_signPayload'] = { sessionId: 'Session:1', payloadToSign: '{}' };
    const byClientKey: MethodParams['grid_signPayload'] = { clientKeyId: 'ck_1', payloadToSign: '{}' };
    // @ts-expect-error both keys
    const both: MethodParams['grid_signPayload'] = { sessionId: 'Session:1', clientKeyId: 'ck_1', payloadToSign: '{}' };
    // @ts-expect-error neither key
    const neither: MethodParams['grid_signPayload'] = { payloadToSign: '{}' };
    expect(validateRequest('grid_signPayload', bySession)).toEqual(bySession);
    expect(validateRequest('grid_signPayload', byClientKey)).toEqual(byClientKey);
    for (const wrong of [both, neither]) expect(fieldError('grid_signPayload', wrong).field).toBe('params.sessionId');
    expectTypeOf(exactlyOne(['a', 'b'], params({ a: optional(opaqueId), b: optional(opaqueId) }))).returns.toEqualTypeOf<
      { a: string; b?: never } | { b: string; a?: never }
    >();
  });

  it('a method without params takes an object with no keys', () => {
    expectTypeOf<MethodParams['wallet_status']>().toEqualTypeOf<Record<string, never>>();
    expectTypeOf<Sent<(typeof METHODS)['grid_createExportKey']['validate']>>().toEqualTypeOf<Record<string, never>>();
  });
});
