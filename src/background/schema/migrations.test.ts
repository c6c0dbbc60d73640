import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openWalletDatabase } from '../db.ts';
import { ClientKeyStore } from '../stores/ClientKeyStore.ts';
import { ConnectionStore } from '../stores/ConnectionStore.ts';
import { PasskeyStore } from '../stores/PasskeyStore.ts';
import { ExpiredSessions } from '../stores/ExpiredSessions.ts';
import { SessionStore } from '../stores/SessionStore.ts';
import { MemoryStorage } from '../testBackground.ts';
import { MIGRATIONS, type Migration } from './migrations.ts';
import { createVersion1Database, NOW, OTHER_SITE, readAll, SITE, shapeOf, version1Records } from './version1.fixture.ts';

/** Today's schema (version 2), written out: a dropped or reordered migration shows here. */
const TODAY = {
  clientKeys: { keyPath: 'id', autoIncrement: false, indexes: { expiresAt: 'expiresAt', origin: 'origin' } },
  sessions: { keyPath: ['origin', 'sessionId'], autoIncrement: false, indexes: { expiresAt: 'expiresAt', origin: 'origin' } },
  connections: { keyPath: 'origin', autoIncrement: false, indexes: {} },
  passkeys: { keyPath: ['origin', 'credentialId'], autoIncrement: false, indexes: { credentialId: 'credentialId', origin: 'origin' } },
  activity: { keyPath: 'seq', autoIncrement: true, indexes: { origin: 'origin' } },
};

const freshName = () => `migrations-${crypto.randomUUID()}`;

async function version1(name = freshName()) {
  const records = await version1Records();
  const old = await createVersion1Database(name, records);
  const before = await readAll(old);
  return { name, records, old, before };
}

describe('database migrations', () => {
  it('a new database is created at version 2 with today’s shape', async () => {
    const db = await openWalletDatabase(freshName());
    expect(db.version).toBe(2);
    expect(MIGRATIONS).toHaveLength(2);
    expect(shapeOf(db as never)).toEqual(TODAY);
  });

  it('version 1 (release 0.1.0) upgrades to today’s shape and keeps every record as it was', async () => {
    const { name, old, before } = await version1();
    old.close();
    const db = await openWalletDatabase(name);
    expect(db.version).toBe(2);
    expect(shapeOf(db as never)).toEqual(TODAY);
    const after = await readAll(db as never);
    expect(after).toEqual(before);
    expect(Object.values(after).flat()).toHaveLength(Object.values(before).flat().length);
  });

  it('after the upgrade the old records still work: the session signs, the grant ends on time, the passkey is found, the used key stays used', async () => {
    const { name, old, records } = await version1();
    old.close();
    const db = await openWalletDatabase(name);
    const now = () => NOW + 60_000;

    const session = await new SessionStore(db, new ExpiredSessions(new MemoryStorage(), now), now).get(SITE, 'Session:1');
    const message = new TextEncoder().encode('payload');
    const signature = await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, session.signingKey, message);
    const verifier = await crypto.subtle.importKey('raw', records.sessionPublicKey, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
    expect(await crypto.subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, verifier, signature, message)).toBe(true);

    // A 0.1.0 grant has no scope: it reads as payments only, never wider.
    expect(await new ConnectionStore(db, now).signingGrant(SITE)).toEqual({ until: expect.any(Number), scope: 'payments' });
    expect(await new ConnectionStore(db, () => NOW + 15 * 60_000).hasSigningGrant(SITE, 'payments')).toBe(false);
    expect(await new ConnectionStore(db, now).hasSigningGrant(OTHER_SITE, 'payments')).toBe(false);

    const passkeys = new PasskeyStore(db);
    expect(await passkeys.createdHere('cred-1')).toBe(true);
    expect(await passkeys.createdHere('cred-2')).toBe(false);

    const clientKeys = new ClientKeyStore(db, now);
    await expect(clientKeys.getUsable(SITE, 'ck_used')).rejects.toMatchObject({ code: 4404, data: { reason: 'used' } });
    expect((await clientKeys.getUsable(SITE, 'ck_live')).otpCompletedAt).toBe(NOW);
  });

  it('a step that fails leaves version 1 with every record, half its work undone, and the next start upgrades', async () => {
    const { name, old, before } = await version1();
    old.close();
    const failsHalfway: Migration = async (_db, tx) => {
      tx.objectStore('passkeys').createIndex('credentialId', 'credentialId');
      throw new Error('the browser died here');
    };
    await expect(openWalletDatabase(name, { migrations: [MIGRATIONS[0]!, failsHalfway] })).rejects.toThrow();

    const untouched = await openDB(name);
    expect(untouched.version).toBe(1);
    expect([...untouched.transaction('passkeys').store.indexNames]).toEqual(['origin']);
    expect(await readAll(untouched)).toEqual(before);
    untouched.close();

    const db = await openWalletDatabase(name);
    expect(shapeOf(db as never)).toEqual(TODAY);
    expect(await readAll(db as never)).toEqual(before);
  });

  it('an upgrade blocked by a page holding version 1 open says so, waits, and completes once that page lets go', async () => {
    const { name, old, before } = await version1();
    let reportBlocked!: () => void;
    const blocked = new Promise<void>((resolve) => (reportBlocked = resolve));
    let upgraded = false;
    const opening = openWalletDatabase(name, { onBlocked: reportBlocked }).finally(() => (upgraded = true));
    await blocked;
    expect(upgraded).toBe(false);
    old.close();
    const db = await opening;
    expect(db.version).toBe(2);
    expect(await readAll(db as never)).toEqual(before);
  });
});
