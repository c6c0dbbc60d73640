import type { ActivityRecord, WalletDatabase } from '../db.ts';

/** How many entries the log keeps at least; older ones are dropped, TRIM_SLACK at a time. */
export const ACTIVITY_LIMIT = 500;
const TRIM_SLACK = 100;

/** How long entries gather before one transaction commits them all: a burst of stamps costs one commit, not one each. */
const COMMIT_DELAY_MS = 25;

/** What was signed or changed, for whom and when, for the toolbar popup. Never key material. */
export class ActivityLog {
  private waiting: ActivityRecord[] = [];
  private flushing: Promise<void> | null = null;
  /** Keys at or below this are trimmed already (in memory only: after a restart the first commit past the slack trims). */
  private trimmedThrough = 0;

  constructor(
    private readonly db: WalletDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records an entry without making the caller wait for the disk: the page's
   * answer (a signature under a grant, say) must not queue behind a readwrite
   * transaction. Entries gather for COMMIT_DELAY_MS and share one commit, and
   * `recent` waits for what is queued, so the log
   * always reads back what was added. The log is a record, not a gate: a failed
   * commit (the disk is full) loses entries, never the answer they describe.
   */
  add(entry: Omit<ActivityRecord, 'seq' | 'at'>): void {
    this.waiting.push({ ...entry, at: this.now() });
    this.flushing ??= new Promise((resolve) => setTimeout(resolve, COMMIT_DELAY_MS)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0);
        try {
          const tx = this.db.transaction('activity', 'readwrite');
          const keys = await Promise.all(batch.map((record) => tx.store.add(record)));
          const last = keys[keys.length - 1]!;
          // Keys are auto-incremented and only trimmed from the oldest end: one range delete keeps the newest ACTIVITY_LIMIT.
          if (last - this.trimmedThrough > ACTIVITY_LIMIT + TRIM_SLACK) {
            this.trimmedThrough = last - ACTIVITY_LIMIT;
            void tx.store.delete(IDBKeyRange.upperBound(this.trimmedThrough));
          }
          await tx.done;
        } catch {
          // Dropped with its transaction; see `add`.
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /** Newest first, including entries still being committed. */
  async recent(limit = 50): Promise<ActivityRecord[]> {
    await this.flushing;
    const out: ActivityRecord[] = [];
    let cursor = await this.db.transaction('activity').store.openCursor(null, 'prev');
    while (cursor && out.length < limit) {
      out.push(cursor.value);
      cursor = await cursor.continue();
    }
    return out;
  }
}
