import type { ActivityRecord, WalletDatabase } from '../db.ts';

/** How many entries the log keeps; older ones are dropped. */
export const ACTIVITY_LIMIT = 500;

interface Waiting {
  record: ActivityRecord;
  resolve(): void;
  reject(error: unknown): void;
}

/** What was signed or changed, for whom and when, for the toolbar popup. Never key material. */
export class ActivityLog {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly db: WalletDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Resolves once the entry is committed. Entries that arrive while a commit is in
   * flight share the next transaction (group commit), so concurrent signatures do
   * not queue one readwrite transaction each.
   */
  add(entry: Omit<ActivityRecord, 'seq' | 'at'>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record: { ...entry, at: this.now() }, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        try {
          const tx = this.db.transaction('activity', 'readwrite');
          const keys = await Promise.all(batch.map(({ record }) => tx.store.add(record)));
          const last = keys[keys.length - 1]!;
          // Keys are auto-incremented and only trimmed from the oldest end: one range delete keeps the newest ACTIVITY_LIMIT.
          if (last > ACTIVITY_LIMIT) void tx.store.delete(IDBKeyRange.upperBound(last - ACTIVITY_LIMIT));
          await tx.done;
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
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
