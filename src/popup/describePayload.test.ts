import './testing.ts';
import { describe, expect, it } from 'vitest';
import { activityTitle, cautionWarning, describePayload } from './describePayload.ts';

const activity = (type: string, parameters: Record<string, unknown>) =>
  JSON.stringify({ organizationId: 'org_1', parameters, timestampMs: '1764072000000', type });

describe('describePayload', () => {
  it('reads a SIGN_TRANSACTION_V2 (a Grid payment) as a transaction: only what the wallet can see, no amount', () => {
    // Grid's own example payloadToSign (PaymentEmbeddedWalletInfo), byte for byte.
    const payment = describePayload(
      '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1746736509954","organizationId":"org_abc123","parameters":{"signWith":"wallet_abc123def456","unsignedTransaction":"ea69b4bf05f775209f26ff0a34a05569180f7936579d5c4af9377ae550194f72","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}',
    );
    expect(payment).toEqual({
      title: 'Sign a transaction from your wallet',
      transaction: true,
      fields: [
        { label: 'Wallet', value: 'wallet_abc123def456', id: true },
        { label: 'Transaction type', value: 'Ethereum' },
        { label: 'Transaction', value: 'ea69b4bf05f775209f26ff0a34a05569180f7936579d5c4af9377ae550194f72', id: true },
        { label: 'Transaction size', value: '32 bytes' },
      ],
    });
    expect(
      describePayload(activity('ACTIVITY_TYPE_SIGN_TRANSACTION_V2', { signWith: 'w', unsignedTransaction: 'not hex' })).fields,
    ).toEqual([
      { label: 'Wallet', value: 'w', id: true },
      { label: 'Transaction', value: 'not hex', id: true },
    ]);
  });

  it('puts each caution of the signing policy into words; an unreadable payload shows its text instead', () => {
    expect(cautionWarning('removes-credential')).toMatch(/removes a way to sign in/);
    expect(cautionWarning('exports-wallet')).toMatch(/secret recovery phrase/);
    expect(cautionWarning('adds-credential')).toMatch(/adds a new way to sign in/);
    expect(cautionWarning('changes-contact')).toMatch(/changes where your sign-in codes are sent/);
    expect(cautionWarning('gives-key-away')).toMatch(/does not hold/);
    expect(cautionWarning('unreadable')).toBeUndefined();
    expect(cautionWarning(undefined)).toBeUndefined();
    expect(describePayload(activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: 'ada@example.com', userId: 'u' }))).toEqual({
      title: 'Set your sign-in email',
      fields: [{ label: 'Email', value: 'ada@example.com' }],
    });
  });

  it('reads the other emulator activities', () => {
    const session = describePayload(
      activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', {
        apiKeyName: 'refresh',
        expirationSeconds: '900',
        targetPublicKey: '02ab',
        userId: 'u',
      }),
    );
    expect(session.title).toBe('Start a new session');
    expect(session.fields[0]).toEqual({ label: 'Lasts', value: '15 min' });
    const passkey = describePayload(
      activity('ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2', { authenticators: [{ authenticatorName: 'Work laptop' }], userId: 'u' }),
    );
    expect(passkey).toEqual({ title: 'Add a passkey', fields: [{ label: 'Passkey name', value: 'Work laptop' }] });
    const oauth = describePayload(
      activity('ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS', { oauthProviders: [{ oidcToken: 'x.y.z', providerName: 'Google' }], userId: 'u' }),
    );
    expect(oauth.fields).toEqual([{ label: 'Provider', value: 'Google' }]);
    expect(describePayload(activity('ACTIVITY_TYPE_DELETE_API_KEYS', { apiKeyIds: ['Session:1'], userId: 'u' })).title).toBe(
      'Sign out a session',
    );
  });

  it("reads a delegated key's two legs (which key; what it may sign, with a warning) and a raw wallet signature", () => {
    const identity = describePayload(
      activity('ACTIVITY_TYPE_CREATE_USERS_V3', {
        users: [
          { apiKeys: [{ apiKeyName: 'Card key', curveType: 'API_KEY_CURVE_P256', publicKey: '02ab' }], userId: 'user_1', userName: 'x' },
        ],
      }),
    );
    expect(identity).toEqual({
      title: 'Create a key for card payments',
      fields: [
        { label: 'Key name', value: 'Card key' },
        { label: 'Key', value: '02ab', id: true },
      ],
    });
    const policy = describePayload(
      activity('ACTIVITY_TYPE_CREATE_POLICIES', {
        policies: [{ condition: "activity.action == 'SIGN'", consensus: 'c', effect: 'EFFECT_ALLOW', policyName: 'Card signing' }],
      }),
    );
    expect(policy.title).toBe('Let that key sign card payments');
    expect(policy.fields).toEqual([
      { label: 'Permission', value: 'Card signing' },
      { label: 'Allows', value: "activity.action == 'SIGN'" },
    ]);
    expect(cautionWarning('delegates-signing')).toMatch(/without asking you/);
    const raw = describePayload(
      activity('ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2', { encoding: 'PAYLOAD_ENCODING_HEXADECIMAL', payload: 'ab12', signWith: 'sp1qxyz' }),
    );
    expect(raw).toEqual({
      title: 'Sign data for your wallet',
      fields: [
        { label: 'Data (hash)', value: 'ab12', id: true },
        { label: 'Wallet address', value: 'sp1qxyz', id: true },
      ],
    });
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
    const ambiguous = '{"type":"ACTIVITY_TYPE_EXPORT_WALLET","type":"ACTIVITY_TYPE_DELETE_API_KEYS"}';
    expect(describePayload(ambiguous)).toEqual({ title: 'Sign a message', fields: [], opaque: ambiguous });
  });

  it('titles activity-log entries the same way', () => {
    expect(activityTitle('ACTIVITY_TYPE_EXPORT_WALLET')).toBe('Export your wallet');
    expect(activityTitle('ACTIVITY_TYPE_SOMETHING_NEW')).toBe('Something new');
  });
});
