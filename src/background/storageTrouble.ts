import { STORAGE_TROUBLE_KEY, type StorageTroubleNote, type StorageTroubleReason } from '@grid-wallet/protocol/storageTrouble';
import type { SessionStorage } from './sessionStorage.ts';

/**
 * A stored record without the shape the wallet relies on (a damaged profile, a
 * bad restore). It is refused, never guessed at: a session whose key is not a
 * signing key must answer an error, not sign with something else.
 */
export class DamagedRecordError extends Error {
  override readonly name = 'DamagedRecordError';
  constructor(store: string) {
    super(`a record in ${store} is damaged`);
  }
}

/** Which storage trouble `error` is, if it is one the customer can act on. */
export function storageTroubleOf(error: unknown): StorageTroubleReason | undefined {
  if (error instanceof DamagedRecordError) return 'damaged-record';
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return 'storage-full';
  return undefined;
}

/**
 * The latest storage trouble, for the toolbar's note and badge (packages/protocol/src/storageTrouble.ts).
 * In `storage.session`, not IndexedDB: it must be writable when IndexedDB is not.
 */
export class StorageTroubles {
  constructor(
    private readonly storage: SessionStorage,
    private readonly now: () => number,
  ) {}

  async report(reason: StorageTroubleReason): Promise<void> {
    await this.storage.set({ [STORAGE_TROUBLE_KEY]: { reason, at: this.now() } satisfies StorageTroubleNote });
  }

  /** Clears the note if it is still about `reason` (a later, different trouble stays). */
  async resolved(reason: StorageTroubleReason): Promise<void> {
    if ((await this.current())?.reason === reason) await this.storage.remove([STORAGE_TROUBLE_KEY]);
  }

  async current(): Promise<StorageTroubleNote | undefined> {
    return (await this.storage.get(STORAGE_TROUBLE_KEY))[STORAGE_TROUBLE_KEY] as StorageTroubleNote | undefined;
  }
}
