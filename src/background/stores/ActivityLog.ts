import { sha256HexOfText } from '@grid-wallet/core';
import type { ActivityRecord, WalletDatabase } from '../db.ts';

/** How many entries the log keeps at least, over all sites; older ones are dropped, TRIM_SLACK at a time. */
export const ACTIVITY_LIMIT = 500;
const TRIM_SLACK = 100;
/** How many entries the log keeps per site, so one site's burst cannot push other sites' entries out. */
export const ACTIVITY_PER_SITE = 50;

/** How long entries gather before one transaction commits them all: a burst of stamps costs one commit, not one each. */
const COMMIT_DELAY_MS = 25;

/**
 * An entry as a method records it. For a signature, `signedPayload` is what was signed: the log keeps only its
 * SHA-256 (`payloadSha256`), computed when the entry is committed, off the answer's path.
 */
export type ActivityEntry = Omit<ActivityRecord, 'seq' | 'at' | 'payloadSha256'> & { signedPayload?: string };
type WaitingEntry = ActivityEntry & { at: number };

/**
 * What was signed or changed, for whom and when, for the toolbar popup. Never key material.
 * Kept per site (ACTIVITY_PER_SITE, trimmed at write time) and overall (ACTIVITY_LIMIT),
 * and read per site, so one site's burst neither evicts nor hides another's entries.
 */
export class ActivityLog {
  private waiting: WaitingEntry[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: WalletDatabase,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Records an entry without making the caller wait for the disk: the page's
   * answer (a signature under a grant, say) must not queue behind a readwrite
   * transaction. Entries gather for COMMIT_DELAY_MS and share one commit, and
   * `recent` waits for what is queued, so the log
   * always reads back what was added. A signature's digest is taken then too: a cold worker's first stamp does not
   * wait for a hash function to be loaded and run in the interpreter. The log is a record, not a gate: a failed
   * commit (the disk is full) loses entries, never the answer they describe.
   */
  add(entry: ActivityEntry): void {
    this.waiting.push({ ...entry, at: this.now() });
    this.flushing ??= new Promise((resolve) => setTimeout(resolve, COMMIT_DELAY_MS)).then(() => this.flush());
  }

  private async flush(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const waiting = this.waiting.splice(0);
        try {
          // Before the transaction opens: it would commit while a WebCrypto job was awaited.
          const batch = await Promise.all(waiting.map(toRecord));
          const tx = this.db.transaction('activity', 'readwrite');
          await Promise.all(batch.map((record) => tx.store.add(record)));
          const bySite = tx.store.index('origin');
          for (const origin of new Set(batch.map((record) => record.origin))) {
            const excess = (await bySite.count(origin)) - ACTIVITY_PER_SITE;
            if (excess > 0) await deleteOldest(await bySite.openCursor(origin), excess);
          }
          // By count, not by key range: keys advance with every entry, also those a site's own cap then removed.
          const total = await tx.store.count();
          if (total > ACTIVITY_LIMIT + TRIM_SLACK) await deleteOldest(await tx.store.openCursor(), total - ACTIVITY_LIMIT);
          await tx.done;
        } catch {
          // Dropped with its transaction; see `add`.
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  /**
   * The newest `perSite` entries of every site, all together newest first, including
   * entries still being committed: a busy site cannot hide another site's entries.
   */
  async recent(perSite = 50): Promise<ActivityRecord[]> {
    await this.flushing;
    const bySite = this.db.transaction('activity').store.index('origin');
    const origins: string[] = [];
    for (let site = await bySite.openKeyCursor(null, 'nextunique'); site; site = await site.continue()) origins.push(site.key);
    const out: ActivityRecord[] = [];
    for (const origin of origins) {
      let taken = 0;
      for (let cursor = await bySite.openCursor(origin, 'prev'); cursor && taken < perSite; cursor = await cursor.continue(), taken++) {
        out.push(cursor.value);
      }
    }
    return out.sort((a, b) => b.seq! - a.seq!);
  }
}

/** An IndexedDB cursor over activity entries, oldest first (by key, also within one origin of the index). */
interface OldestFirst {
  delete(): Promise<void>;
  continue(): Promise<OldestFirst | null>;
}

/** The stored form of an entry: a signed payload becomes its SHA-256 (WebCrypto), and is not kept. */
async function toRecord({ signedPayload, ...entry }: WaitingEntry): Promise<ActivityRecord> {
  return signedPayload === undefined ? entry : { ...entry, payloadSha256: await sha256HexOfText(signedPayload) };
}

/** Deletes the first `count` entries from `cursor` on. */
async function deleteOldest(cursor: OldestFirst | null, count: number): Promise<void> {
  for (let left = count; cursor && left > 0; cursor = await cursor.continue(), left--) void cursor.delete();
}
