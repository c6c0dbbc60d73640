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
  email: string;
  phoneNumber?: string;
  /** The customer's provider requires Strong Customer Authentication for payments (Grid: EU customers). */
  readonly scaRequired?: boolean;
  readonly createdAt: number;
  updatedAt: number;
  /** Test fault: the next signed contact change fails to update a tied OTP credential (424). */
  failNextCredentialSync?: boolean;
}

export interface Account {
  readonly id: string;
  readonly customerId: string;
  readonly type: 'EMBEDDED_WALLET';
  /** Turnkey-style ids used inside payloadToSign bodies. */
  readonly organizationId: string;
  readonly userId: string;
  /** The wallet behind the account: its Turnkey-style id and BIP-39 mnemonic (what an export reveals). */
  readonly wallet: { readonly id: string; readonly mnemonic: string; readonly sparkAddress: string };
  privateEnabled: boolean;
  readonly createdAt: number;
  updatedAt: number;
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

/** A card whose funding source is an embedded wallet (what a delegated key is for). */
export interface Card {
  readonly id: string;
  readonly fundingSourceId: string;
  readonly accountId: string;
}

export interface DelegatedKey {
  readonly id: string;
  readonly cardId: string;
  readonly fundingSourceId: string;
  readonly accountId: string;
  /** Compressed hex of the Grid-custodied key (the emulator keeps no private half). */
  readonly publicKey: string;
  readonly nickname: string;
  status: 'PENDING' | 'ACTIVE' | 'REVOKED';
  readonly createdAt: number;
  updatedAt: number;
}

export interface State {
  readonly customers: Map<string, Customer>;
  readonly accounts: Map<string, Account>;
  readonly credentials: Map<string, Credential>;
  readonly sessions: Map<string, Session>;
  readonly quotes: Map<string, Quote>;
  /** `POST /quotes` answers by Idempotency-Key: the quote each key created, as first answered. */
  readonly quotesByIdempotencyKey: Map<string, unknown>;
  readonly cards: Map<string, Card>;
  readonly delegatedKeys: Map<string, DelegatedKey>;
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
    quotesByIdempotencyKey: new Map(),
    cards: new Map(),
    delegatedKeys: new Map(),
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

/** The customer's embedded-wallet accounts. */
export function accountsOf(state: State, customerId: string): Account[] {
  return [...state.accounts.values()].filter((a) => a.customerId === customerId);
}

export function customerOf(state: State, account: Account): Customer {
  return state.customers.get(account.customerId)!;
}
