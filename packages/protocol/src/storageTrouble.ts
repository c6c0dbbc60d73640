/**
 * Storage trouble the customer should know about (docs/architecture.md §4,
 * "Storage trouble"): the background writes the latest one to `storage.session`
 * under this key, and the toolbar popup reads it from there, so the note shows
 * even while the database cannot open.
 */
export const STORAGE_TROUBLE_KEY = 'storageTrouble';

/**
 * `storage-full`: IndexedDB refused a write (quota); nothing was stored or signed.
 * `upgrade-blocked`: the database update waits for another extension window still running the old version.
 * `damaged-record`: a stored record has lost the shape the wallet relies on; it is not used.
 */
export type StorageTroubleReason = 'storage-full' | 'upgrade-blocked' | 'damaged-record';

export interface StorageTroubleNote {
  reason: StorageTroubleReason;
  /** Epoch ms of the latest occurrence. */
  at: number;
}
