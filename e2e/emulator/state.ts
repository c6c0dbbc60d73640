import type { Currency, Pricing } from './pricing.ts';

/**
 * The emulator's in-memory world: customers, embedded-wallet accounts, their
 * credentials and sessions, quotes. Plain records plus the few queries every route
 * needs. Keys are stored as public keys only: the emulator never keeps a session's
 * private key.
 */

export type CredentialType = 'EMAIL_OTP' | 'SMS_OTP' | 'OAUTH' | 'PASSKEY';
export const CREDENTIAL_TYPES: readonly CredentialType[] = ['EMAIL_OTP', 'SMS_OTP', 'OAUTH', 'PASSKEY'];

export interface Customer {
  readonly id: string;
  readonly email: string;
  readonly phoneNumber?: string;
  /** The customer's provider requires Strong Customer Authentication for payments (Grid: EU customers). */
  readonly scaRequired?: boolean;
}

export interface Account {
  readonly id: string;
  readonly customerId: string;
  readonly type: 'EMBEDDED_WALLET';
  /** Turnkey-style ids used inside payloadToSign bodies. */
  readonly organizationId: string;
  readonly userId: string;
  readonly createdAt: number;
}

export interface PasskeyMaterial {
  /** base64url WebAuthn credential id (rawId). */
  readonly credentialId: string;
  /** COSE-encoded credential public key, as registration returned it. */
  readonly publicKey: Uint8Array;
  counter: number;
  readonly transports: string[];
}

export interface OauthIdentity {
  readonly iss: string;
  readonly aud: string;
  readonly sub: string;
}

export interface Credential {
  readonly id: string;
  readonly accountId: string;
  readonly type: CredentialType;
  readonly nickname: string;
  readonly createdAt: number;
  updatedAt: number;
  readonly passkey?: PasskeyMaterial;
  readonly oauth?: OauthIdentity;
}

export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly credentialId: string;
  /** Compressed SEC1 hex, lowercase: the key that must sign for this session. */
  readonly publicKey: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  revoked: boolean;
}

export type QuoteDestination =
  | { readonly destinationType: 'ACCOUNT'; readonly accountId: string; readonly paymentRail?: string }
  | { readonly destinationType: 'UMA_ADDRESS'; readonly umaAddress: string; readonly currency?: string };

/** A Strong Customer Authentication challenge on a quote; its code went to the customer's phone (the outbox). */
export interface ScaChallenge {
  readonly id: string;
  readonly expiresAt: number;
  readonly code: string;
}

export interface Quote {
  readonly id: string;
  readonly sourceAccountId: string;
  readonly customerId: string;
  readonly destination: QuoteDestination;
  readonly sendingCurrency: Currency;
  readonly receivingCurrency: Currency;
  readonly pricing: Pricing;
  readonly transactionId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** The ACTIVITY_TYPE_SIGN_TRANSACTION_V2 body in the EMBEDDED_WALLET payment instruction. */
  readonly payloadToSign: string;
  status: 'PENDING' | 'PENDING_AUTHORIZATION' | 'COMPLETED';
  scaChallenge?: ScaChallenge;
  /** The execute call that started the transfer: its Idempotency-Key (if any) and its answer, replayed for the same key. */
  executedWith?: { readonly idempotencyKey: string | undefined; readonly response: unknown };
}

export interface State {
  readonly customers: Map<string, Customer>;
  readonly accounts: Map<string, Account>;
  readonly credentials: Map<string, Credential>;
  readonly sessions: Map<string, Session>;
  readonly quotes: Map<string, Quote>;
  /** Registration challenges already used to add a passkey (single use). */
  readonly usedRegistrationChallenges: Set<string>;
}

export function createState(): State {
  return {
    customers: new Map(),
    accounts: new Map(),
    credentials: new Map(),
    sessions: new Map(),
    quotes: new Map(),
    usedRegistrationChallenges: new Set(),
  };
}

export function credentialsOf(state: State, accountId: string): Credential[] {
  return [...state.credentials.values()].filter((c) => c.accountId === accountId);
}

export function isActive(session: Session, now: number): boolean {
  return !session.revoked && now < session.expiresAt;
}

export function activeSessionsOf(state: State, accountId: string, now: number): Session[] {
  return [...state.sessions.values()].filter((s) => s.accountId === accountId && isActive(s, now));
}

/**
 * The active sessions of `accountId` whose key is `publicKey` (compressed lowercase
 * hex). Usually one, but nothing stops a client from reusing a key across sign-ins.
 */
export function activeSessionsWithKey(state: State, accountId: string, publicKey: string, now: number): Session[] {
  return activeSessionsOf(state, accountId, now).filter((s) => s.publicKey === publicKey);
}

export function customerOf(state: State, account: Account): Customer {
  return state.customers.get(account.customerId)!;
}
