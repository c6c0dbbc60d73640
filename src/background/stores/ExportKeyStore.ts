import { bytesToHex, hexToBytes } from '@grid-wallet/core';
import { errors } from '@grid-wallet/protocol';
import type { ClientKeyRecord, WalletDatabase } from '../db.ts';
import { loadCurve } from '../loadCurve.ts';
import { ClientKeyStore, type UsableClientKey } from './ClientKeyStore.ts';

/** An export key lives long enough for one export: the 202, the prompt, the retry and the reveal. */
export const EXPORT_KEY_TTL_MS = 10 * 60_000;

/** The most unused export keys one site may hold (one export needs one). */
export const MAX_UNUSED_EXPORT_KEYS = 4;

export type UsableExportKey = UsableClientKey;
export type ApprovedExportKey = UsableExportKey & { exportApprovedFor: { organizationId: string } };

/**
 * Wallet-export keys: the extension's own HPKE recipient keys for Grid's
 * `encryptedWalletCredentials`. They live in the client-key table (so expiry and
 * "forget this site" cover them) marked `purpose: 'wallet-export'`, and each store
 * sees only its own kind: an export key never signs and never becomes a session.
 * Each opens one bundle, and only after the user approved signing an export to it.
 */
export class ExportKeyStore extends ClientKeyStore {
  constructor(db: WalletDatabase, now: () => number = Date.now) {
    super(db, now, {
      purpose: 'wallet-export',
      idPrefix: 'ek_',
      ttlMs: EXPORT_KEY_TTL_MS,
      maxUnused: MAX_UNUSED_EXPORT_KEYS,
      what: 'export key',
    });
  }

  /** The usable export key of this origin whose public key is `publicKeyHex` (either SEC1 form), or null. */
  async findByPublicKey(origin: string, publicKeyHex: string): Promise<UsableExportKey | null> {
    const [records, { samePublicKey }] = await Promise.all([this.db.getAllFromIndex('clientKeys', 'origin', origin), loadCurve()]);
    for (const record of records) {
      try {
        const usable = this.check(record, origin);
        if (samePublicKey(usable.publicKey, hexToBytes(publicKeyHex))) return usable;
      } catch {
        // Not an export key, not usable, or not a key at all: not a match.
      }
    }
    return null;
  }

  /** Records that the user approved an export of `organizationId` to this key (after the stamp was made). */
  async approve(origin: string, id: string, organizationId: string): Promise<void> {
    const tx = this.db.transaction('clientKeys', 'readwrite');
    const usable = this.check(await tx.store.get(id), origin);
    await tx.store.put({ ...usable, exportApprovedFor: { organizationId } });
    await tx.done;
  }

  /** The key, if it exists for this origin, is unused, unexpired and approved for an export. */
  async getApproved(origin: string, id: string): Promise<ApprovedExportKey> {
    const usable = await this.getUsable(origin, id);
    if (!usable.exportApprovedFor)
      throw errors.invalidParams('params.exportKeyId', 'has no approved export yet (sign the export payload with grid_signPayload first)');
    return usable as ApprovedExportKey;
  }
}

export function describeExportKey(record: ClientKeyRecord) {
  return { exportKeyId: record.id, publicKey: bytesToHex(record.publicKey) };
}
