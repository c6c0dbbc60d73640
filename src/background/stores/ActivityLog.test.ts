import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openWalletDatabase } from '../db.ts';
import { ACTIVITY_LIMIT, ACTIVITY_PER_SITE, ActivityLog } from './ActivityLog.ts';

const entry = (n: number, origin = 'https://shop.example') => ({ origin, kind: 'signed' as const, detail: `payload ${n}` });
const JUNK = 'https://junk.example';

describe('ActivityLog', () => {
  it('reads back what was just added, newest first, before the commit would have run', async () => {
    const log = new ActivityLog(await openWalletDatabase(`activity-${crypto.randomUUID()}`));
    for (let n = 1; n <= 3; n++) log.add(entry(n));
    expect((await log.recent()).map((r) => r.detail)).toEqual(['payload 3', 'payload 2', 'payload 1']);
  });

  it("keeps a signature's payload only as its SHA-256, in the order the entries were added", async () => {
    const db = await openWalletDatabase(`activity-${crypto.randomUUID()}`);
    const log = new ActivityLog(db);
    const signed = '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2","note":"café ✓"}';
    log.add({ ...entry(1), signedPayload: signed });
    log.add({ ...entry(2), kind: 'connected' });
    log.add({ ...entry(3), signedPayload: 'x' });
    expect((await log.recent()).map((r) => r.detail)).toEqual(['payload 3', 'payload 2', 'payload 1']);
    const stored = await db.getAll('activity');
    const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    expect(stored.map((r) => r.payloadSha256)).toEqual([sha256(signed), undefined, sha256('x')]);
    expect(JSON.stringify(stored)).not.toContain('café');
    expect(stored.every((r) => !('signedPayload' in r))).toBe(true);
  });

  it('keeps at least the newest ACTIVITY_LIMIT entries and trims the oldest, across many commits', async () => {
    const db = await openWalletDatabase(`activity-${crypto.randomUUID()}`);
    const log = new ActivityLog(db);
    const total = ACTIVITY_LIMIT * 2 + 37;
    // Spread over enough sites that the overall limit, not the per-site one, is what trims.
    for (let n = 1; n <= total; n++) {
      log.add(entry(n, `https://shop${n % 20}.example`));
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

  it("one site's flood keeps only its own newest ACTIVITY_PER_SITE entries and never evicts another site's", async () => {
    const db = await openWalletDatabase(`activity-${crypto.randomUUID()}`);
    const log = new ActivityLog(db);
    log.add(entry(1));
    await log.recent(1);
    const total = ACTIVITY_LIMIT + 3 * ACTIVITY_PER_SITE;
    for (let n = 1; n <= total; n++) {
      log.add(entry(n, JUNK));
      if (n % 37 === 0) await log.recent(1); // commits in batches of different sizes
    }
    await log.recent(1);
    const kept = await db.getAll('activity');
    expect(kept.filter((r) => r.origin !== JUNK).map((r) => r.detail)).toEqual(['payload 1']);
    expect(kept.filter((r) => r.origin === JUNK).map((r) => r.detail)).toEqual(
      Array.from({ length: ACTIVITY_PER_SITE }, (_, i) => `payload ${total - ACTIVITY_PER_SITE + 1 + i}`),
    );
  });

  it('recent reads the newest entries of each site, all sites together newest first, so a busy site hides no other', async () => {
    const log = new ActivityLog(await openWalletDatabase(`activity-${crypto.randomUUID()}`));
    log.add(entry(1));
    log.add(entry(2));
    for (let n = 1; n <= 40; n++) log.add(entry(n, JUNK));
    log.add(entry(3));
    const read = await log.recent(5);
    expect(read.map((r) => `${r.origin === JUNK ? 'junk' : 'shop'} ${r.detail}`)).toEqual([
      'shop payload 3',
      'junk payload 40',
      'junk payload 39',
      'junk payload 38',
      'junk payload 37',
      'junk payload 36',
      'shop payload 2',
      'shop payload 1',
    ]);
  });
});
