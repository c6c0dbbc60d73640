import { createHash } from 'node:crypto';
import { canonicalJson } from './canonicalJson.ts';
import type { Account } from './state.ts';

/**
 * The `payloadToSign` strings the emulator issues: Turnkey-style activity bodies,
 *   {"organizationId":"org_…","parameters":{…},"timestampMs":"<ms>","type":"ACTIVITY_TYPE_…"}
 * compact, keys alphabetical at every level, `timestampMs` a string. Clients must
 * stamp them byte for byte; the extension shows `type` and `parameters` to the user.
 */
export function activity(account: Account, type: string, parameters: Record<string, unknown>, timestampMs: number): string {
  return canonicalJson({ organizationId: account.organizationId, parameters, timestampMs: String(timestampMs), type });
}

export const ActivityType = {
  UpdateUserEmail: 'ACTIVITY_TYPE_UPDATE_USER_EMAIL',
  UpdateUserPhoneNumber: 'ACTIVITY_TYPE_UPDATE_USER_PHONE_NUMBER',
  CreateOauthProviders: 'ACTIVITY_TYPE_CREATE_OAUTH_PROVIDERS',
  DeleteOauthProviders: 'ACTIVITY_TYPE_DELETE_OAUTH_PROVIDERS',
  CreateAuthenticators: 'ACTIVITY_TYPE_CREATE_AUTHENTICATORS_V2',
  DeleteAuthenticators: 'ACTIVITY_TYPE_DELETE_AUTHENTICATORS',
  DeleteApiKeys: 'ACTIVITY_TYPE_DELETE_API_KEYS',
  CreateReadWriteSession: 'ACTIVITY_TYPE_CREATE_READ_WRITE_SESSION_V2',
  ExportWallet: 'ACTIVITY_TYPE_EXPORT_WALLET',
  SignRawPayload: 'ACTIVITY_TYPE_SIGN_RAW_PAYLOAD_V2',
  CreateUsers: 'ACTIVITY_TYPE_CREATE_USERS_V3',
  CreatePolicies: 'ACTIVITY_TYPE_CREATE_POLICIES',
} as const;

/** The wallet a payment signs with (`signWith`): a stable Turnkey-style id derived from the account. */
export function walletIdOf(account: Account): string {
  return `wallet_${createHash('sha256').update(account.id).digest('hex').slice(0, 20)}`;
}

/**
 * The `payloadToSign` of an EMBEDDED_WALLET payment instruction, in the form and
 * key order of Grid's own example (PaymentEmbeddedWalletInfo):
 *   {"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","timestampMs":"…","organizationId":"org_…",
 *    "parameters":{"signWith":"wallet_…","unsignedTransaction":"<hex>","type":"TRANSACTION_TYPE_ETHEREUM"},"generateAppProofs":true}
 * Not alphabetical on purpose: clients must stamp the string as given, never re-serialise it.
 */
export function signTransactionActivity(account: Account, unsignedTransaction: string, timestampMs: number): string {
  return JSON.stringify({
    type: 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2',
    timestampMs: String(timestampMs),
    organizationId: account.organizationId,
    parameters: { signWith: walletIdOf(account), unsignedTransaction, type: 'TRANSACTION_TYPE_ETHEREUM' },
    generateAppProofs: true,
  });
}
