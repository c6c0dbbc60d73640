import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openWalletDatabase } from '../db.ts';
import { ACTIVITY_LIMIT, ActivityLog } from './ActivityLog.ts';

const entry = (n: number) => ({ origin: 'https://shop.example', kind: 'signed' as const, detail: `payload ${n}` });

describe('ActivityLog', () => {
  it('reads back what was just added, newest first, before the commit would have run', async () => {
    const log = new ActivityLog(await openWalletDatabase(`activity-${crypto.randomUUID()}`));
    for (let n = 1; n <= 3; n++) log.add(entry(n));
    expect((await log.recent()).map((r) => r.detail)).toEqual(['payload 3', 'payload 2', 'payload 1']);
  });

  it('keeps at least the newest ACTIVITY_LIMIT entries and trims the oldest, across many commits', async () => {
    const db = await openWalletDatabase(`activity-${crypto.randomUUID()}`);
    const log = new ActivityLog(db);
    const total = ACTIVITY_LIMIT * 2 + 37;
    for (let n = 1; n <= total; n++) {
      log.add(entry(n));
      if (n % 97 === 0) await log.recent(1); // commits in batches of different sizes
    }
    await log.recent(1);
    const kept = (await db.getAll('activity')).map((r) => r.detail);
    expect(kept.length).toBeGreaterThanOrEqual(ACTIVITY_LIMIT);
    expect(kept.length).toBeLessThanOrEqual(ACTIVITY_LIMIT + 100);
    expect(kept.at(-1)).toBe(`payload ${total}`);
    expect(kept).toContain(`payload ${total - ACTIVITY_LIMIT + 1}`);
    expect(kept).not.toContain('payload 1');
  });

  it('a commit that fails loses its entries, never the caller: add does not throw and the log keeps working', async () => {
    const db = await openWalletDatabase(`activity-${crypto.randomUUID()}`);
    const log = new ActivityLog(db);
    log.add({ ...entry(1), detail: (() => undefined) as unknown as string }); // cannot be cloned: the add request throws
    await expect(log.recent()).resolves.toEqual([]);
    log.add(entry(2));
    expect((await log.recent()).map((r) => r.detail)).toEqual(['payload 2']);
  });
});
