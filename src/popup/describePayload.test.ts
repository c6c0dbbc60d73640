import './testing.ts';
import { describe, expect, it } from 'vitest';
import { activityTitle, describePayload } from './describePayload.ts';

const activity = (type: string, parameters: Record<string, unknown>) =>
  JSON.stringify({ organizationId: 'org_1', parameters, timestampMs: '1764072000000', type });

describe('describePayload', () => {
  it('names a payment and shows its amount first', () => {
    const payment = describePayload(
      activity('ACTIVITY_TYPE_EXECUTE_QUOTE', { amount: '12.50', currency: 'USD', fee: '0.10', quoteId: 'Quote:1', receiver: 'Acme', sendingAccountId: 'InternalAccount:2' }),
    );
    expect(payment.title).toBe('Send a payment');
    expect(payment.warning).toBeUndefined();
    expect(payment.fields).toEqual([
      { label: 'Amount', value: '12.50 USD', emphasis: true },
      { label: 'Fee', value: '0.10 USD' },
      { label: 'To', value: 'Acme' },
      { label: 'From account', value: 'InternalAccount:2', id: true },
      { label: 'Quote', value: 'Quote:1', id: true },
    ]);
  });

  it('warns before removing a credential or exporting the wallet', () => {
    const removals = [
      activity('ACTIVITY_TYPE_DELETE_AUTHENTICATORS', { authenticatorIds: ['a1'], userId: 'u' }),
      activity('ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS', { providerIds: ['p1'], userId: 'u' }),
      activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: '', userId: 'u' }), // how Grid removes EMAIL_OTP
      activity('ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER', { userId: 'u', userPhoneNumber: '' }),
    ];
    for (const payload of removals) expect(describePayload(payload).warning, payload).toMatch(/removes a way to sign in/);
    expect(describePayload(activity('ACTIVITY_TYPE_EXPORT_WALLET', { walletId: 'w' })).warning).toMatch(/secret recovery phrase/);
    expect(describePayload(activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: 'ada@example.com', userId: 'u' }))).toEqual({
      title: 'Set your sign-in email',
      fields: [{ label: 'Email', value: 'ada@example.com' }],
    });
  });

  it('reads the other emulator activities', () => {
    const session = describePayload(
      activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { apiKeyName: 'refresh', expirationSeconds: '900', targetPublicKey: '02ab', userId: 'u' }),
    );
    expect(session.title).toBe('Start a new session');
    expect(session.fields[0]).toEqual({ label: 'Lasts', value: '15 min' });
    const passkey = describePayload(activity('ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2', { authenticators: [{ authenticatorName: 'Work laptop' }], userId: 'u' }));
    expect(passkey).toEqual({ title: 'Add a passkey', fields: [{ label: 'Passkey name', value: 'Work laptop' }] });
    const oauth = describePayload(activity('ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS', { oauthProviders: [{ oidcToken: 'x.y.z', providerName: 'Google' }], userId: 'u' }));
    expect(oauth.fields).toEqual([{ label: 'Provider', value: 'Google' }]);
    expect(describePayload(activity('ACTIVITY_TYPE_DELETE_API_KEYS', { apiKeyIds: ['Session:1'], userId: 'u' })).title).toBe('Sign out a session');
  });

  it('reads a delegated key\'s two legs (which key; what it may sign, with a warning) and a raw wallet signature', () => {
    const identity = describePayload(
      activity('ACTIVITY_TYPE_CREATE_USERS_V3', { users: [{ apiKeys: [{ apiKeyName: 'Card key', curveType: 'API_KEY_CURVE_P256', publicKey: '02ab' }], userId: 'user_1', userName: 'x' }] }),
    );
    expect(identity).toEqual({
      title: 'Create a key for card payments',
      fields: [
        { label: 'Key name', value: 'Card key' },
        { label: 'Key', value: '02ab', id: true },
      ],
    });
    const policy = describePayload(
      activity('ACTIVITY_TYPE_CREATE_POLICIES', { policies: [{ condition: "activity.action == 'SIGN'", consensus: 'c', effect: 'EFFECT_ALLOW', policyName: 'Card signing' }] }),
    );
    expect(policy.title).toBe('Let that key sign card payments');
    expect(policy.fields).toEqual([
      { label: 'Permission', value: 'Card signing' },
      { label: 'Allows', value: "activity.action == 'SIGN'" },
    ]);
    expect(policy.warning).toMatch(/without asking you/);
    const raw = describePayload(activity('ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2', { encoding: 'PAYLOAD_ENCODING_HEXADECIMAL', payload: 'ab12', signWith: 'sp1qxyz' }));
    expect(raw).toEqual({ title: 'Sign data for your wallet', fields: [{ label: 'Data (hash)', value: 'ab12', id: true }, { label: 'Wallet address', value: 'sp1qxyz', id: true }] });
  });

  it('gives an unknown activity a title from its type and shows its simple parameters', () => {
    expect(describePayload(activity('ACTIVITY_TYPE_SET_PAYMENT_LIMIT_V2', { dailyLimit: '250', nested: { a: 1 } }))).toEqual({
      title: 'Set payment limit',
      fields: [{ label: 'Daily limit', value: '250' }],
    });
  });

  it('shows a JWT as a sign-in confirmation and anything else as text to be read', () => {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const jwt = describePayload(`${part({ alg: 'ES256' })}.${part({ iat: 1764072000, exp: 1764072300 })}.sig`);
    expect(jwt.title).toBe('Confirm sign-in');
    expect(jwt.fields.map((f) => f.label)).toEqual(['Issued', 'Expires']);
    expect(describePayload('hello')).toEqual({ title: 'Sign a message', fields: [], opaque: 'hello' });
  });

  it('titles activity-log entries the same way', () => {
    expect(activityTitle('ACTIVITY_TYPE_EXPORT_WALLET')).toBe('Export your wallet');
    expect(activityTitle('ACTIVITY_TYPE_SOMETHING_NEW')).toBe('Something new');
  });
});
