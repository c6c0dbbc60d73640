import './testI18n.ts';
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
      fields: [
        { label: 'Email', value: 'ada@example.com' },
        { label: 'User id', value: 'u' },
      ],
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
    expect(passkey).toEqual({
      title: 'Add a passkey',
      fields: [
        { label: 'Passkey name', value: 'Work laptop' },
        { label: 'User id', value: 'u' },
      ],
    });
    const oauth = describePayload(
      activity('ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS', { oauthProviders: [{ oidcToken: 'x.y.z', providerName: 'Google' }], userId: 'u' }),
    );
    expect(oauth.fields).toEqual([
      { label: 'Provider', value: 'Google' },
      { label: 'Oauth providers › 1 › Oidc token', value: 'x.y.z' },
      { label: 'User id', value: 'u' },
    ]);
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
    expect(identity.title).toBe('Add a user with access to your wallet');
    expect(identity.fields.slice(0, 2)).toEqual([
      { label: 'Key name', value: 'Card key' },
      { label: 'Key', value: '02ab', id: true },
    ]);
    // Then every parameter not yet in words, as it is.
    expect(identity.fields.slice(2).map((f) => f.label)).toEqual([
      'Users › 1 › Api keys › 1 › Curve type',
      'Users › 1 › User id',
      'Users › 1 › User name',
    ]);
    const policy = describePayload(
      activity('ACTIVITY_TYPE_CREATE_POLICIES', {
        policies: [{ condition: "activity.action == 'SIGN'", consensus: 'c', effect: 'EFFECT_ALLOW', policyName: 'Card signing' }],
      }),
    );
    expect(policy.title).toBe('Let that key sign card payments');
    expect(policy.fields.slice(0, 2)).toEqual([
      { label: 'Permission', value: 'Card signing' },
      { label: 'Allows', value: "activity.action == 'SIGN'" },
    ]);
    expect(policy.fields).toContainEqual({ label: 'Policies › 1 › Consensus', value: 'c' });
    expect(cautionWarning('delegates-signing')).toMatch(/without asking you/);
    const raw = describePayload(
      activity('ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2', { encoding: 'PAYLOAD_ENCODING_HEXADECIMAL', payload: 'ab12', signWith: 'sp1qxyz' }),
    );
    expect(raw).toEqual({
      title: 'Sign data for your wallet',
      fields: [
        { label: 'Data (hash)', value: 'ab12', id: true },
        { label: 'Wallet address', value: 'sp1qxyz', id: true },
        { label: 'Encoding', value: 'PAYLOAD_ENCODING_HEXADECIMAL' },
      ],
    });
    expect(cautionWarning('signs-raw-data')).toMatch(/cannot tell what it is/);
    expect(cautionWarning('unfamiliar')).toMatch(/does not know this request to be harmless/);
  });

  it('gives an unknown activity a title from its type and shows every parameter, at any depth', () => {
    expect(
      describePayload(
        activity('ACTIVITY_TYPE_SET_PAYMENT_LIMIT_V2', { dailyLimit: '250', nested: { a: 1, list: [true, null], none: [] } }),
      ),
    ).toEqual({
      title: 'Set payment limit',
      fields: [
        { label: 'Daily limit', value: '250' },
        { label: 'Nested › A', value: '1' },
        { label: 'Nested › List › 1', value: 'true' },
        { label: 'Nested › List › 2', value: '""' },
        { label: 'Nested › None', value: '[]' },
      ],
    });
    // The seventh of seven is there.
    const seven = Object.fromEntries([1, 2, 3, 4, 5, 6].map((n) => [`p${n}`, 'x']));
    expect(describePayload(activity('ACTIVITY_TYPE_UPDATE_USER', { ...seven, userEmail: 'mallory@evil.example' })).fields.at(-1)).toEqual({
      label: 'User email',
      value: 'mallory@evil.example',
    });
  });

  it('says how many parameters did not fit, and lists parameters a known activity does not put into words', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, n) => [`p${n}`, n]));
    const described = describePayload(activity('ACTIVITY_TYPE_SOMETHING', many));
    expect(described.fields).toHaveLength(24);
    expect(described.hidden).toBe(6);
    // A value the wallet cannot put into words is shown as it is; a key the description leaves out is listed.
    expect(describePayload(activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', { expirationSeconds: 'soon' })).fields).toEqual([
      { label: 'Lasts', value: 'soon' },
    ]);
    expect(describePayload(activity('ACTIVITY_TYPE_EXPORT_WALLET', { targetPublicKey: '04ab', walletId: 'w' })).fields).toContainEqual({
      label: 'Target public key',
      value: '04ab',
    });
    expect(describePayload(activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: 'a@b.c', userPhoneNumber: '+1555' })).fields).toEqual([
      { label: 'Email', value: 'a@b.c' },
      { label: 'User phone number', value: '+1555' },
    ]);
  });

  it('shows a look-alike email for what it is', () => {
    const [email] = describePayload(activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: 'ada@ex\u0430mple.com' })).fields;
    expect(email).toEqual({
      label: 'Email',
      value: 'ada@ex\u0430mple.com',
      notes: [expect.stringMatching(/Mixes scripts \(Latin, Cyrillic\)/)],
    });
    const [bidi] = describePayload(activity('ACTIVITY_TYPE_UPDATE_USER', { userEmail: 'ada@example.com\u202e' })).fields;
    expect(bidi).toMatchObject({ value: 'ada@example.com\\u202E', notes: [expect.stringMatching(/invisible or direction-changing/)] });
    const [puny] = describePayload(activity('ACTIVITY_TYPE_UPDATE_USER', { userEmail: 'ada@xn--80ak6aa92e.com' })).fields;
    expect(puny).toMatchObject({ value: 'ada@аррӏе.com', notes: [expect.stringMatching(/Decoded from xn--80ak6aa92e/)] });
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
