import { describe, expect, it } from 'vitest';
import { classifyPayload, payloadRisk } from './payload.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('classifyPayload', () => {
  it('recognises a Turnkey activity body and keeps its parameters', () => {
    const body = '{"organizationId":"org_1","parameters":{"apiKeyIds":["k1"],"userId":"user_1"},"timestampMs":"1746736509954","type":"ACTIVITY_TYPE_DELETE_API_KEYS"}';
    expect(classifyPayload(body)).toEqual({
      kind: 'activity',
      activityType: 'ACTIVITY_TYPE_DELETE_API_KEYS',
      organizationId: 'org_1',
      timestampMs: 1746736509954,
      parameters: { apiKeyIds: ['k1'], userId: 'user_1' },
    });
  });

  it('recognises a verification-token JWT', () => {
    const jwt = `${b64url({ alg: 'ES256', kid: 'turnkey' })}.${b64url({ sub: 'abc', iat: 1, exp: 2 })}.c2ln`;
    expect(classifyPayload(jwt)).toEqual({ kind: 'jwt', header: { alg: 'ES256', kid: 'turnkey' }, claims: { sub: 'abc', iat: 1, exp: 2 } });
  });

  it.each([
    ['plain text', 'hello'],
    ['JSON without an activity type', '{"type":"transfer"}'],
    ['an activity type of the wrong shape', '{"type":"ACTIVITY_TYPE_lower"}'],
    ['broken JSON', '{"type":"ACTIVITY_TYPE_X"'],
    ['three dotted parts that are not JSON', 'a.b.c'],
    ['a JWT header without alg', `${b64url({ typ: 'JWT' })}.${b64url({})}.`],
  ])('treats %s as text', (_, payload) => {
    expect(classifyPayload(payload)).toEqual({ kind: 'text' });
  });
});

describe('payloadRisk', () => {
  const activity = (type: string, parameters: Record<string, unknown> = {}) =>
    payloadRisk(classifyPayload(JSON.stringify({ organizationId: 'org_1', parameters, timestampMs: '1', type })));

  it('flags exports (known and future) and credential removals', () => {
    expect(activity('ACTIVITY_TYPE_EXPORT_WALLET')).toBe('exports-wallet');
    expect(activity('ACTIVITY_TYPE_EXPORT_PRIVATE_KEY')).toBe('exports-wallet');
    expect(activity('ACTIVITY_TYPE_DELETE_AUTHENTICATORS')).toBe('removes-credential');
    expect(activity('ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS')).toBe('removes-credential');
    expect(activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: '' })).toBe('removes-credential');
    expect(activity('ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER', { userPhoneNumber: '' })).toBe('removes-credential');
  });

  it('leaves everyday actions alone', () => {
    expect(activity('ACTIVITY_TYPE_DELETE_API_KEYS')).toBeNull();
    expect(activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: 'a@b.c' })).toBeNull();
    expect(payloadRisk(classifyPayload('plain text'))).toBeNull();
  });
});
