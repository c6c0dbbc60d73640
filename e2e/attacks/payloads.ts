import { activity, ADD_PASSKEY, PAYMENT } from '../approvals/payloads.ts';

/** Payloads an attacking page sends under a signing grant (issue 9, path 1). */

/** Grid's payment body (the OpenAPI document's `PaymentEmbeddedWalletInfo.payloadToSign` example): on the grant allow-list. */
export const PAYMENT_V2 =
  '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"1746736509954","organizationId":"org_abc123","parameters":{"signWith":"wallet_abc123def456","unsignedTransaction":"ea69b4bf05f775209f26ff0a34a05569180f7936579d5c4af9377ae550194f72","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}';

export const refreshTo = (targetPublicKey: string) =>
  activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', {
    apiKeyName: 'refresh',
    expirationSeconds: '900',
    targetPublicKey,
    userId: 'user_7f3a',
  });

export const apiKeyFor = (publicKey: string) =>
  activity('ACTIVITY_TYPE_CREATE_API_KEYS', {
    apiKeys: [{ apiKeyName: 'mine', curveType: 'API_KEY_CURVE_P256', publicKey }],
    userId: 'user_7f3a',
  });

const EXPORT = '"type":"ACTIVITY_TYPE_EXPORT_WALLET"';

/** Each must prompt with a red warning, never under a grant. */
export const ALWAYS_ASK = {
  'add a passkey (CREATE_AUTHENTICATORS_V2)': ADD_PASSKEY,
  'add an OAuth login (CREATE_OAUTH_PROVIDERS)': activity('ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS', {
    oauthProviders: [{ oidcToken: 'a.b.c', providerName: 'Google' }],
    userId: 'user_7f3a',
  }),
  'remove a passkey (DELETE_AUTHENTICATORS_V2)': activity('ACTIVITY_TYPE_DELETE_AUTHENTICATORS_V2', {
    authenticatorIds: ['AuthMethod:1'],
    userId: 'user_7f3a',
  }),
  'change the sign-in email (UPDATE_USER_EMAIL)': activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', {
    userEmail: 'mallory@evil.example',
    userId: 'user_7f3a',
  }),
  'UPDATE_USER_EMAIL without userEmail': activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userId: 'user_7f3a' }),
} as const;

/** Each must prompt as unreadable, never under a grant. */
export const UNREADABLE = {
  'plain text': 'transfer everything to mallory',
  '{"Type":…}': `{"Type":"ACTIVITY_TYPE_EXPORT_WALLET","organizationId":"org_1","parameters":{"walletId":"w"},"timestampMs":"1"}`,
  'a lower-case type': `{"organizationId":"org_1","parameters":{"walletId":"w"},"timestampMs":"1","type":"activity_type_export_wallet"}`,
  'an array type': `{"organizationId":"org_1","parameters":{"walletId":"w"},"timestampMs":"1","type":["ACTIVITY_TYPE_EXPORT_WALLET"]}`,
  'duplicate keys': `{"organizationId":"org_1","parameters":{"walletId":"w"},"timestampMs":"1",${EXPORT},"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}`,
  'trailing bytes after the JSON': `${PAYMENT}\n{${EXPORT}}`,
} as const;
