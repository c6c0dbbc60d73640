import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { GrantScope } from '@grid-wallet/core/signingDecision';
import type { CredentialType } from '@grid-wallet/protocol';
import { MIGRATIONS, type Migration, migrate } from './schema/migrations.ts';

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
  passkeys: { key: [string, string]; value: PasskeyRecord; indexes: { origin: string; credentialId: string } };
  activity: { key: number; value: ActivityRecord; indexes: { origin: string } };
}

export type WalletDatabase = IDBPDatabase<WalletSchema>;
export const DATABASE_NAME = 'grid-wallet';

export interface OpenOptions {
  /**
   * An older connection (another extension page still running the previous
   * version) keeps the upgrade from starting. The open waits for it to close;
   * this says so meanwhile, so the caller can answer instead of hanging.
   */
  onBlocked?: () => void;
  /** The schema's history; tests pass a shorter or broken one to check what a failed or missing step does. */
  migrations?: readonly Migration[];
}

/**
 * Opens the database at the version its migrations reach, running the migrations it lacks. A step
 * that throws aborts the upgrade: the database stays at its old version with its
 * records, and the open rejects. Our own connection closes when a newer version
 * asks for it, so this worker never blocks the next update.
 */
export async function openWalletDatabase(
  name = DATABASE_NAME,
  { onBlocked, migrations = MIGRATIONS }: OpenOptions = {},
): Promise<WalletDatabase> {
  const db = await openDB<WalletSchema>(name, migrations.length, {
    upgrade(database, oldVersion, _newVersion, tx) {
      const untyped = database as unknown as IDBPDatabase<unknown>;
      const untypedTx = tx as unknown as IDBPTransaction<unknown, string[], 'versionchange'>;
      // The open's own rejection reports the abort; `done` would otherwise reject unheard.
      tx.done.catch(() => undefined);
      migrate(untyped, oldVersion, untypedTx, migrations).catch(() => abortQuietly(tx));
    },
    blocked: () => onBlocked?.(),
    blocking: () => db.close(),
  });
  return db;
}

/**
 * Runs `work` in `tx` and waits for the commit. If `work` throws, the
 * transaction is aborted, so what it wrote before the throw is undone too: an
 * error thrown by a store (not by IndexedDB) would otherwise let those writes commit.
 */
export async function allOrNothing<T>(
  tx: IDBPTransaction<WalletSchema, ArrayLike<StoreNames<WalletSchema>>, 'readwrite'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (error) {
    tx.done.catch(() => undefined); // the abort's own rejection; `error` says what went wrong
    abortQuietly(tx);
    throw error;
  }
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already aborted by IndexedDB itself (a failed request does that) or already committed.
  }
}
