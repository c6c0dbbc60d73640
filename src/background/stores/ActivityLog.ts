import type { ActivityRecord, WalletDatabase } from '../db.ts';

/** How many entries the log keeps; older ones are dropped. */
export const ACTIVITY_LIMIT = 500;

/** What was signed or changed, for whom and when, for the toolbar popup. Never key material. */
export class ActivityLog {
  constructor(
    private readonly db: WalletDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  async add(entry: Omit<ActivityRecord, 'seq' | 'at'>): Promise<void> {
    const tx = this.db.transaction('activity', 'readwrite');
    await tx.store.add({ ...entry, at: this.now() });
    const count = await tx.store.count();
    if (count > ACTIVITY_LIMIT) {
      let cursor = await tx.store.openCursor();
      for (let excess = count - ACTIVITY_LIMIT; cursor && excess > 0; excess--) {
        await cursor.delete();
        cursor = await cursor.continue();
      }
    }
    await tx.done;
  }

  /** Newest first. */
  async recent(limit = 50): Promise<ActivityRecord[]> {
    const out: ActivityRecord[] = [];
    let cursor = await this.db.transaction('activity').store.openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }
}
