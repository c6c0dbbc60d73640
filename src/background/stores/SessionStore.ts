import { errors, type SessionInfo } from '@grid-wallet/protocol';
import { allOrNothing, type SessionRecord, type WalletDatabase } from '../db.ts';
import { DamagedRecordError } from '../storageTrouble.ts';
import type { ClientKeyWrites } from './ClientKeyStore.ts';
import type { ExpiredSessions } from './ExpiredSessions.ts';
import { ReadCache } from './ReadCache.ts';

/**
 * Session signing keys, per origin, kept until `expiresAt` and not a moment
 * longer: expiry is checked on every read, swept at start-up and on an alarm.
 */
export class SessionStore {
  /** Keeps only sessions found: the key holds an id the page chose. */
  private readonly cache = new ReadCache<SessionRecord>(false);

  constructor(
    private readonly db: WalletDatabase,
    /** Remembers what expired, so a later call still answers `expired`. */
    private readonly expired: ExpiredSessions,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Stores a session and spends the client key it came from (`spend`), in one
   * transaction: a crash or a full disk leaves both or neither, never a spent key
   * without its session (docs/architecture.md §4, "Atomic writes"). The same id
   * with the same key replaces the record; the same id with another key is
   * refused ('other-key') and nothing is written: a prompt that showed the old
   * key must never end up signed by a new one.
   */
  putSpending(record: SessionRecord, spend: (clientKeys: ClientKeyWrites) => Promise<unknown>): Promise<'stored' | 'other-key'> {
    return this.cache.invalidate(async () => {
      const tx = this.db.transaction(['sessions', 'clientKeys'], 'readwrite');
      return allOrNothing(tx, async () => {
        const sessions = tx.objectStore('sessions');
        const existing = await sessions.get([record.origin, record.sessionId]);
        if (existing !== undefined && existing.expiresAt > this.now() && existing.publicKeyHex !== record.publicKeyHex) return 'other-key';
        await spend(tx.objectStore('clientKeys'));
        await sessions.put(record);
        return 'stored';
      });
    });
  }

  /** The public key a live session id of this origin holds, if any. */
  async publicKeyOf(origin: string, sessionId: string): Promise<string | undefined> {
    return this.get(origin, sessionId).then(
      (record) => record.publicKeyHex,
      () => undefined,
    );
  }

  async get(origin: string, sessionId: string): Promise<SessionRecord> {
    const record = await this.read(origin, sessionId);
    if (!record) throw errors.notFound('session', await this.missingReason(origin, sessionId));
    if (!isWhole(record)) throw new DamagedRecordError('sessions');
    if (record.expiresAt <= this.now()) {
      await this.cache.invalidate(() => this.db.delete('sessions', [origin, sessionId]));
      await this.expired.add([record]);
      throw errors.notFound('session', 'expired');
    }
    return record;
  }

  /**
   * Starts the read `get` will make, so it can run beside another (pageRouter.ts, READS_AHEAD). Nothing else: what
   * it finds is checked, expired or not, when `get` is called, and nothing found is kept.
   */
  readAhead(origin: string, sessionId: string): void {
    this.read(origin, sessionId).catch(() => undefined); // `get` reports a failure, if it comes to that
  }

  private read(origin: string, sessionId: string): Promise<SessionRecord | undefined> {
    return this.cache.read(JSON.stringify([origin, sessionId]), () => this.db.get('sessions', [origin, sessionId]));
  }

  /** Why this origin has no session `sessionId`: it expired (recently), or it never was or was ended. */
  async missingReason(origin: string, sessionId: string): Promise<'expired' | 'not_found'> {
    return (await this.expired.has(origin, sessionId)) ? 'expired' : 'not_found';
  }

  /** Live sessions of one origin, soonest expiry first. */
  async list(origin: string): Promise<SessionRecord[]> {
    const now = this.now();
    const records = await this.db.getAllFromIndex('sessions', 'origin', origin);
    return records.filter((r) => r.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt);
  }

  async listAll(): Promise<SessionRecord[]> {
    const now = this.now();
    return (await this.db.getAll('sessions')).filter((r) => r.expiresAt > now);
  }

  /** True when a session was deleted. */
  delete(origin: string, sessionId: string): Promise<boolean> {
    return this.cache.invalidate(async () => {
      const tx = this.db.transaction('sessions', 'readwrite');
      const existed = (await tx.store.getKey([origin, sessionId])) !== undefined;
      if (existed) await tx.store.delete([origin, sessionId]);
      await tx.done;
      return existed;
    });
  }

  deleteForOrigin(origin: string): Promise<void> {
    return this.cache.invalidate(async () => {
      const tx = this.db.transaction('sessions', 'readwrite');
      for (const key of await tx.store.index('origin').getAllKeys(origin)) await tx.store.delete(key);
      await tx.done;
    });
  }

  /** Deletes expired sessions; returns the origins that lost one. */
  sweep(): Promise<Set<string>> {
    return this.cache.invalidate(() => this.sweepExpired());
  }

  private async sweepExpired(): Promise<Set<string>> {
    const tx = this.db.transaction('sessions', 'readwrite');
    const gone: SessionRecord[] = [];
    let cursor = await tx.store.index('expiresAt').openCursor(IDBKeyRange.upperBound(this.now()));
    while (cursor) {
      gone.push(cursor.value);
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
    await this.expired.add(gone);
    return new Set(gone.map((record) => record.origin));
  }

  async nextExpiry(): Promise<number | undefined> {
    const cursor = await this.db.transaction('sessions').store.index('expiresAt').openCursor();
    return cursor?.value.expiresAt;
  }
}

/** The fields signing relies on, with the types it relies on; anything else is a damaged record, never used. */
function isWhole(record: SessionRecord): boolean {
  const key: unknown = record.signingKey;
  return (
    key instanceof CryptoKey &&
    key.type === 'private' &&
    key.usages.includes('sign') &&
    typeof record.publicKeyHex === 'string' &&
    typeof record.expiresAt === 'number'
  );
}

export function toSessionInfo(record: SessionRecord): SessionInfo {
  const info: SessionInfo = {
    sessionId: record.sessionId,
    accountId: record.accountId,
    publicKey: record.publicKeyHex,
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
  if (record.credentialId !== undefined) info.credentialId = record.credentialId;
  if (record.type !== undefined) info.type = record.type;
  if (record.nickname !== undefined) info.nickname = record.nickname;
  return info;
}
