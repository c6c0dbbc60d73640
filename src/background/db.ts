import type { GrantScope } from '../core/signingDecision.ts';
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { CredentialType } from '../protocol/index.ts';

/**
 * The extension's one IndexedDB database (docs/architecture.md §4). Secrets are stored only as
 * non-extractable CryptoKeys (structured-cloned by the browser); every record
 * carries the origin that created it, taken from the browser's MessageSender.
 */

export interface ClientKeyRecord {
  id: string;
  origin: string;
  createdAt: number;
  /** Unused client keys are forgotten after 15 minutes. */
  expiresAt: number;
  /** Uncompressed SEC1 public key. */
  publicKey: Uint8Array;
  /** Null once used (the record stays as a tombstone so reuse answers "used"). */
  keys: { signingKey: CryptoKey; agreementKey: CryptoKeyPair } | null;
  usedAt?: number;
  /** When the user last completed grid_collectOtp for this key (it may then sign its verification token once unprompted). */
  otpCompletedAt?: number;
  /** Set once that one unprompted signature is spent; never cleared. */
  otpSignatureUsed?: boolean;
  /**
   * Set for a wallet-export key (ExportKeyStore): it only ever opens one export
   * bundle, and is never usable as a client key.
   */
  purpose?: 'wallet-export';
  /** The organisation of the export payload the user approved for this key. */
  exportApprovedFor?: { organizationId: string };
}

export interface SessionRecord {
  origin: string;
  sessionId: string;
  accountId: string;
  credentialId?: string;
  type?: CredentialType;
  nickname?: string;
  /** Compressed SEC1 hex of the session key. */
  publicKeyHex: string;
  signingKey: CryptoKey;
  createdAt: number;
  expiresAt: number;
  /** "bundle": Grid sealed the key to a client key; "client-key": the client key became the session key. */
  source: 'bundle' | 'client-key';
}

export interface ConnectionRecord {
  origin: string;
  connectedAt: number;
  /** "Sign without asking" until this time (epoch ms), if granted. */
  signingGrantUntil?: number;
  /** What that grant covers. Absent on grants stored before grants had a scope: those cover payments only, never more. */
  signingGrantScope?: GrantScope;
}

export interface PasskeyRecord {
  origin: string;
  credentialId: string;
  /**
   * The RP ID it was created under: the site's registrable domain. Absent on passkeys made
   * before site RP IDs (Chrome only), whose RP ID is the extension's own origin.
   */
  rpId?: string;
  accountId: string;
  nickname: string;
  createdAt: number;
}

export interface ActivityRecord {
  seq?: number;
  at: number;
  origin: string;
  kind:
    | 'connected'
    | 'disconnected'
    | 'signed'
    | 'session-opened'
    | 'session-ended'
    | 'otp-entered'
    | 'passkey-created'
    | 'passkey-used'
    | 'wallet-exported';
  /**
   * What it concerned, never key material: for a signature the payload's kind
   * (`ACTIVITY_TYPE_…`, `jwt` or `unreadable`); otherwise a session or passkey nickname.
   */
  detail: string;
  sessionId?: string;
  /** Lowercase hex SHA-256 of what was signed. */
  payloadSha256?: string;
  /** How consent was given for a signature. */
  consent?: 'prompt' | 'grant' | 'otp';
}

export interface WalletSchema extends DBSchema {
  clientKeys: { key: string; value: ClientKeyRecord; indexes: { origin: string; expiresAt: number } };
  sessions: { key: [string, string]; value: SessionRecord; indexes: { origin: string; expiresAt: number } };
  connections: { key: string; value: ConnectionRecord };
  passkeys: { key: [string, string]; value: PasskeyRecord; indexes: { origin: string } };
  activity: { key: number; value: ActivityRecord; indexes: { origin: string } };
}

export type WalletDatabase = IDBPDatabase<WalletSchema>;
export const DATABASE_NAME = 'grid-wallet';
const DATABASE_VERSION = 1;

export function openWalletDatabase(name = DATABASE_NAME): Promise<WalletDatabase> {
  return openDB<WalletSchema>(name, DATABASE_VERSION, {
    upgrade(db) {
      const clientKeys = db.createObjectStore('clientKeys', { keyPath: 'id' });
      clientKeys.createIndex('origin', 'origin');
      clientKeys.createIndex('expiresAt', 'expiresAt');
      const sessions = db.createObjectStore('sessions', { keyPath: ['origin', 'sessionId'] });
      sessions.createIndex('origin', 'origin');
      sessions.createIndex('expiresAt', 'expiresAt');
      db.createObjectStore('connections', { keyPath: 'origin' });
      db.createObjectStore('passkeys', { keyPath: ['origin', 'credentialId'] }).createIndex('origin', 'origin');
      db.createObjectStore('activity', { keyPath: 'seq', autoIncrement: true }).createIndex('origin', 'origin');
    },
  });
}
