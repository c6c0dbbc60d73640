import { bytesToHex } from '@grid-wallet/core';
import { errors } from '@grid-wallet/protocol';
import type { IDBPObjectStore, StoreNames } from 'idb';
import type { ClientKeyRecord, WalletDatabase, WalletSchema } from '../db.ts';
import { loadCurve } from '../loadCurve.ts';

/** Unused client keys are forgotten after this long (docs/architecture.md §4). */
export const CLIENT_KEY_TTL_MS = 15 * 60_000;
/** The most unused client keys one site may hold; a used one (its session made) no longer counts (docs/security-model.md §3.10). */
export const MAX_UNUSED_CLIENT_KEYS = 32;
/** After grid_collectOtp, the client key may sign its verification token once, unprompted, within this window. */
export const OTP_SIGNING_WINDOW_MS = 5 * 60_000;

export type UsableClientKey = ClientKeyRecord & { keys: NonNullable<ClientKeyRecord['keys']> };
/** The client-key store inside a readwrite transaction that may span other stores too. */
export type ClientKeyWrites = IDBPObjectStore<WalletSchema, ArrayLike<StoreNames<WalletSchema>>, 'clientKeys', 'readwrite'>;

/** What sets one kind of key apart: its records, ids, lifetime and how many unused ones a site may hold. */
export interface KeyKind {
  purpose: ClientKeyRecord['purpose'];
  idPrefix: string;
  ttlMs: number;
  maxUnused: number;
  what: 'client key' | 'export key';
}

/**
 * Client keys: fresh P-256 key pairs, single use, scoped to the origin that made
 * them. A used key keeps a tombstone (no key material) until it would have
 * expired, so reusing it answers 4404 "used" rather than "not found". A site may
 * hold only so many unused keys, read through the origin index, so one site's
 * keys neither fill the store nor slow another site's requests.
 */
export class ClientKeyStore {
  constructor(
    protected readonly db: WalletDatabase,
    protected readonly now: () => number = Date.now,
    /** Set by a store of special-purpose keys (ExportKeyStore); each store sees only its own kind. */
    private readonly kind: KeyKind = {
      purpose: undefined,
      idPrefix: 'ck_',
      ttlMs: CLIENT_KEY_TTL_MS,
      maxUnused: MAX_UNUSED_CLIENT_KEYS,
      what: 'client key',
    },
  ) {}

  async create(origin: string): Promise<ClientKeyRecord> {
    const key = await (await loadCurve()).generateP256Key();
    const createdAt = this.now();
    const record: ClientKeyRecord = {
      id: `${this.kind.idPrefix}${crypto.randomUUID()}`,
      origin,
      createdAt,
      expiresAt: createdAt + this.kind.ttlMs,
      publicKey: key.publicKey,
      keys: { signingKey: key.signingKey, agreementKey: key.agreementKey },
      ...(this.kind.purpose !== undefined && { purpose: this.kind.purpose }),
    };
    // Counted and written in one transaction, so concurrent requests cannot pass the limit together.
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const held = await tx.store.index('origin').getAll(origin);
    const unused = held.filter((r) => r.purpose === this.kind.purpose && r.keys !== null && r.expiresAt > createdAt).length;
    if (unused >= this.kind.maxUnused) {
      await tx.done;
      throw errors.tooManyUnusedKeys(this.kind.what, this.kind.maxUnused, this.kind.ttlMs / 60_000);
    }
    await tx.store.put(record);
    await tx.done;
    return record;
  }

  /** The key if it exists for this origin, is unused and unexpired; otherwise 4404 with the reason. */
  async getUsable(origin: string, id: string): Promise<UsableClientKey> {
    return this.check(await this.db.get('clientKeys', id), origin);
  }

  /** Atomically takes a usable key and leaves a tombstone: two concurrent callers cannot both get it. */
  async consume(origin: string, id: string): Promise<UsableClientKey> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const usable = await this.consumeIn(tx.store, origin, id);
    await tx.done;
    return usable;
  }

  /** `consume` inside the caller's transaction, so the tombstone commits together with the caller's other writes, or not at all. */
  async consumeIn(store: ClientKeyWrites, origin: string, id: string): Promise<UsableClientKey> {
    const usable = this.check(await store.get(id), origin);
    await store.put({ ...usable, keys: null, usedAt: this.now() });
    return usable;
  }

  /** Public keys (uncompressed hex) of this origin's unused, unexpired client keys. */
  async usablePublicKeys(origin: string): Promise<string[]> {
    const now = this.now();
    const records = await this.db.getAllFromIndex('clientKeys', 'origin', origin);
    return records.filter((r) => r.keys !== null && r.expiresAt > now).map((r) => bytesToHex(r.publicKey));
  }

  /**
   * The user typed an OTP for this key: its one unprompted signature becomes
   * usable for five minutes from now. A later OTP moves the window but never
   * refills a spent allowance (a page could otherwise buy one per prompt).
   */
  async markOtpCompleted(origin: string, id: string): Promise<void> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const usable = this.check(await tx.store.get(id), origin);
    await tx.store.put({ ...usable, otpCompletedAt: this.now() });
    await tx.done;
  }

  /**
   * True (and spends the allowance) when the user entered an OTP for this key in
   * the last five minutes and the key never signed unprompted before. The caller
   * asks only for what the signing policy lets the allowance cover (the token).
   */
  async takeOtpSignature(origin: string, id: string): Promise<boolean> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const usable = this.check(await tx.store.get(id), origin);
    const allowed =
      usable.otpCompletedAt !== undefined && !usable.otpSignatureUsed && this.now() - usable.otpCompletedAt <= OTP_SIGNING_WINDOW_MS;
    if (allowed) await tx.store.put({ ...usable, otpSignatureUsed: true });
    await tx.done;
    return allowed;
  }

  async deleteForOrigin(origin: string): Promise<void> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    for (const id of await tx.store.index('origin').getAllKeys(origin)) await tx.store.delete(id);
    await tx.done;
  }

  /** Deletes expired keys and tombstones; returns how many went. */
  async sweep(): Promise<number> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const expired = await tx.store.index('expiresAt').getAllKeys(IDBKeyRange.upperBound(this.now()));
    for (const id of expired) await tx.store.delete(id);
    await tx.done;
    return expired.length;
  }

  async nextExpiry(): Promise<number | undefined> {
    const cursor = await this.db.transaction('clientKeys').store.index('expiresAt').openCursor();
    return cursor?.value.expiresAt;
  }

  protected check(record: ClientKeyRecord | undefined, origin: string): UsableClientKey {
    // Another origin's key, or a key of another kind, is reported exactly like a missing one, so nothing leaks.
    if (!record || record.origin !== origin || record.purpose !== this.kind.purpose) throw errors.notFound(this.kind.what, 'not_found');
    if (record.expiresAt <= this.now()) throw errors.notFound(this.kind.what, 'expired');
    if (!record.keys) throw errors.notFound(this.kind.what, 'used');
    return record as UsableClientKey;
  }
}

export async function describeClientKey(record: ClientKeyRecord) {
  const { compressPublicKey } = await loadCurve();
  return {
    clientKeyId: record.id,
    publicKey: bytesToHex(record.publicKey),
    compressedPublicKey: bytesToHex(compressPublicKey(record.publicKey)),
  };
}
