import { activity, ADD_PASSKEY, PAYMENT } from '../approvals/payloads.ts';

/** Payloads an attacking page sends under a signing grant (docs/security-model.md, section 4). */

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

/** Grid's sign-out of `sessionId` (`DELETE /auth/sessions/{id}`). */
export const END_SESSION_OF = (sessionId: string) =>
  activity('ACTIVITY_TYPE_DELETE_API_KEYS', { apiKeyIds: [sessionId], userId: 'user_7f3a' });

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

/** A refresh whose decoy `sessionPublicKey` names a key the extension holds, while `target_public_key` (protobuf JSON's spelling) names the page's. */
export const decoyRefresh = (heldKey: string, pageKey: string) =>
  activity('ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2', {
    apiKeyName: 'refresh',
    expirationSeconds: '900',
    sessionPublicKey: heldKey,
    target_public_key: pageKey,
    userId: 'user_7f3a',
  });

/** Each issues a login or a session to `pageKey` under a type name other than *_LOGIN: refused like OAUTH_LOGIN. */
export const loginsFor = (pageKey: string) => ({
  OAUTH: activity('ACTIVITY_TYPE_OAUTH', { oidcToken: 'eyJ.eyJ.sig', targetPublicKey: pageKey }),
  OTP_AUTH: activity('ACTIVITY_TYPE_OTP_AUTH', { otpCode: '123456', otpId: 'otp_1', targetPublicKey: pageKey }),
});

/** The customer's sign-in email, with a Cyrillic "а" (U+0430) in place of the Latin one. */
export const LOOK_ALIKE_EMAIL = 'ada@ex\u0430mple.com';

/** Each hands over control, or may: must prompt with a red warning, focus on Reject, and `visible` on screen. */
export const HANDS_OVER_CONTROL: Record<string, { payload: string; title: string; visible: string }> = {
  'UPDATE_USER setting userEmail': {
    payload: activity('ACTIVITY_TYPE_UPDATE_USER', { userEmail: 'mallory@evil.example', userId: 'user_7f3a' }),
    title: 'Update user',
    visible: 'mallory@evil.example',
  },
  "CREATE_USERS_V3 with the attacker's passkey": {
    payload: activity('ACTIVITY_TYPE_CREATE_USERS_V3', {
      users: [{ authenticators: [{ attestation: { credentialId: 'bWFsbG9yeQ' }, authenticatorName: 'mallory' }], userName: 'backup' }],
    }),
    title: 'Add a user with access to your wallet',
    visible: 'mallory',
  },
  "CREATE_USERS_V3 with the attacker's OAuth login": {
    payload: activity('ACTIVITY_TYPE_CREATE_USERS_V3', {
      users: [{ oauthProviders: [{ oidcToken: 'eyJ.eyJ.sig', providerName: 'MalloryID' }], userName: 'backup' }],
    }),
    title: 'Add a user with access to your wallet',
    visible: 'MalloryID',
  },
  CREATE_POLICY_V3: {
    payload: activity('ACTIVITY_TYPE_CREATE_POLICY_V3', {
      condition: 'true',
      consensus: 'true',
      effect: 'EFFECT_ALLOW',
      policyName: 'open',
    }),
    title: 'Create policy',
    visible: 'EFFECT_ALLOW',
  },
  UPDATE_ROOT_QUORUM: {
    payload: activity('ACTIVITY_TYPE_UPDATE_ROOT_QUORUM', { threshold: 1, userIds: ['user_mallory'] }),
    title: 'Update root quorum',
    visible: 'user_mallory',
  },
  'SIGN_RAW_PAYLOAD_V2 the site calls "Wallet privacy"': {
    payload: activity('ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2', {
      encoding: 'PAYLOAD_ENCODING_HEXADECIMAL',
      hashFunction: 'HASH_FUNCTION_NO_OP',
      payload: 'ab'.repeat(32),
      signWith: 'wallet_abc123def456',
    }),
    title: 'Sign data for your wallet',
    visible: 'HASH_FUNCTION_NO_OP',
  },
  'an unknown activity whose seventh parameter is userEmail': {
    payload: activity('ACTIVITY_TYPE_SET_PREFERENCES', {
      ...Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((name) => [`${name}Preference`, 'on'])),
      userEmail: 'mallory@evil.example',
    }),
    title: 'Set preferences',
    visible: 'mallory@evil.example',
  },
  "UPDATE_USER_EMAIL to a look-alike of the customer's email": {
    payload: activity('ACTIVITY_TYPE_UPDATE_USER_EMAIL', { userEmail: LOOK_ALIKE_EMAIL, userId: 'user_7f3a' }),
    title: 'Set your sign-in email',
    visible: 'Mixes scripts (Latin, Cyrillic)',
  },
};
