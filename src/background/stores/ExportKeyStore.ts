import { bytesToHex, generateP256Key, hexToBytes, samePublicKey } from '../../core/index.ts';
import { errors } from '../../protocol/index.ts';
import type { ClientKeyRecord, WalletDatabase } from '../db.ts';

/** An export key lives long enough for one export: the 202, the prompt, the retry and the reveal. */
export const EXPORT_KEY_TTL_MS = 10 * 60_000;

export type UsableExportKey = ClientKeyRecord & { keys: NonNullable<ClientKeyRecord['keys']> };

/**
 * Wallet-export keys: the extension's own HPKE recipient keys for Grid's
 * `encryptedWalletCredentials`. They live in the client-key table (so expiry and
 * "forget this site" cover them) but are marked `purpose: 'wallet-export'`, which
 * ClientKeyStore refuses: an export key never signs and never becomes a session.
 * Each opens one bundle, and only after the user approved signing an export to it.
 */
export class ExportKeyStore {
  constructor(
    private readonly db: WalletDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async create(origin: string): Promise<ClientKeyRecord> {
    const key = await generateP256Key();
    const createdAt = this.now();
    const record: ClientKeyRecord = {
      id: `ek_${crypto.randomUUID()}`,
      origin,
      createdAt,
      expiresAt: createdAt + EXPORT_KEY_TTL_MS,
      publicKey: key.publicKey,
      keys: { signingKey: key.signingKey, agreementKey: key.agreementKey },
      purpose: 'wallet-export',
    };
    await this.db.put('clientKeys', record);
    return record;
  }

  /** The usable export key of this origin whose public key is `publicKeyHex` (either SEC1 form), or null. */
  async findByPublicKey(origin: string, publicKeyHex: string): Promise<UsableExportKey | null> {
    let wanted: Uint8Array;
    try {
      wanted = hexToBytes(publicKeyHex);
    } catch {
      return null;
    }
    const records = await this.db.getAllFromIndex('clientKeys', 'origin', origin);
    const match = records.find((r) => r.purpose === 'wallet-export' && this.isUsable(r) && sameKey(r.publicKey, wanted));
    return (match as UsableExportKey | undefined) ?? null;
  }

  /** Records that the user approved an export of `organizationId` to this key (after the stamp was made). */
  async approve(origin: string, id: string, organizationId: string): Promise<void> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const usable = this.check(await tx.store.get(id), origin);
    await tx.store.put({ ...usable, exportApprovedFor: { organizationId } });
    await tx.done;
  }

  /** The key, if it exists for this origin, is unused, unexpired and approved for an export. */
  async getApproved(origin: string, id: string): Promise<UsableExportKey & { exportApprovedFor: { organizationId: string } }> {
    const usable = this.check(await this.db.get('clientKeys', id), origin);
    if (!usable.exportApprovedFor) throw errors.invalidParams('params.exportKeyId', 'has no approved export yet (sign the export payload with grid_signPayload first)');
    return usable as UsableExportKey & { exportApprovedFor: { organizationId: string } };
  }

  /** Takes the key for its one use and leaves a tombstone, atomically. */
  async consume(origin: string, id: string): Promise<UsableExportKey> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const usable = this.check(await tx.store.get(id), origin);
    await tx.store.put({ ...usable, keys: null, usedAt: this.now() });
    await tx.done;
    return usable;
  }

  private isUsable(record: ClientKeyRecord): boolean {
    return record.keys !== null && record.expiresAt > this.now();
  }

  private check(record: ClientKeyRecord | undefined, origin: string): UsableExportKey {
    // Another origin's key, or a client key, is reported exactly like a missing one.
    if (!record || record.origin !== origin || record.purpose !== 'wallet-export') throw errors.notFound('export key', 'not_found');
    if (record.expiresAt <= this.now()) throw errors.notFound('export key', 'expired');
    if (!record.keys) throw errors.notFound('export key', 'used');
    return record as UsableExportKey;
  }
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  try {
    return samePublicKey(a, b);
  } catch {
    return false;
  }
}

export function describeExportKey(record: ClientKeyRecord) {
  return { exportKeyId: record.id, publicKey: bytesToHex(record.publicKey) };
}
