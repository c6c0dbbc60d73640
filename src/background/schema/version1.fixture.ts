/**
 * Test-only: a database exactly as release 0.1.0 (schema version 1) left it,
 * written with `idb` directly and the stores spelled out as that release made
 * them, so a change to today's migrations cannot quietly change the fixture too.
 */
import { type IDBPDatabase, openDB } from 'idb';
import { bytesToHex, compressPublicKey, generateP256Key } from '@grid-wallet/core';

export const SITE = 'https://shop.example';
export const OTHER_SITE = 'https://other.example';
export const NOW = Date.UTC(2026, 10, 25, 12);

/** One record of every kind 0.1.0 stored, with real non-extractable keys. */
export async function version1Records() {
  const clientKey = await generateP256Key();
  const sessionKey = await generateP256Key();
  return {
    sessionPublicKey: sessionKey.publicKey,
    clientKeys: [
      {
        id: 'ck_live',
        origin: SITE,
        createdAt: NOW,
        expiresAt: NOW + 15 * 60_000,
        publicKey: clientKey.publicKey,
        keys: { signingKey: clientKey.signingKey, agreementKey: clientKey.agreementKey },
        otpCompletedAt: NOW,
      },
      {
        id: 'ck_used',
        origin: SITE,
        createdAt: NOW,
        expiresAt: NOW + 15 * 60_000,
        publicKey: clientKey.publicKey,
        keys: null,
        usedAt: NOW,
      },
    ],
    sessions: [
      {
        origin: SITE,
        sessionId: 'Session:1',
        accountId: 'InternalAccount:1',
        credentialId: 'EmailOtpCredential:1',
        type: 'EMAIL_OTP',
        nickname: 'ada@example.com',
        publicKeyHex: bytesToHex(compressPublicKey(sessionKey.publicKey)),
        signingKey: sessionKey.signingKey,
        createdAt: NOW,
        expiresAt: NOW + 15 * 60_000,
        source: 'bundle',
      },
    ],
    connections: [
      { origin: SITE, connectedAt: NOW, signingGrantUntil: NOW + 15 * 60_000 },
      { origin: OTHER_SITE, connectedAt: NOW },
    ],
    passkeys: [{ origin: OTHER_SITE, credentialId: 'cred-1', accountId: 'InternalAccount:2', nickname: 'Laptop', createdAt: NOW }],
    activity: [
      { at: NOW, origin: SITE, kind: 'connected', detail: '' },
      { at: NOW, origin: SITE, kind: 'signed', detail: 'ACTIVITY_TYPE_SIGN_TRANSACTION_V2', sessionId: 'Session:1', consent: 'prompt' },
    ],
  };
}

export type Version1Records = Awaited<ReturnType<typeof version1Records>>;
const STORES = ['clientKeys', 'sessions', 'connections', 'passkeys', 'activity'] as const;

/** Creates the database at version 1 holding `records`; the connection stays open (close it, or use it to block an upgrade). */
export async function createVersion1Database(name: string, records: Version1Records): Promise<IDBPDatabase<unknown>> {
  const db = await openDB(name, 1, {
    upgrade(database) {
      const clientKeys = database.createObjectStore('clientKeys', { keyPath: 'id' });
      clientKeys.createIndex('origin', 'origin');
      clientKeys.createIndex('expiresAt', 'expiresAt');
      const sessions = database.createObjectStore('sessions', { keyPath: ['origin', 'sessionId'] });
      sessions.createIndex('origin', 'origin');
      sessions.createIndex('expiresAt', 'expiresAt');
      database.createObjectStore('connections', { keyPath: 'origin' });
      database.createObjectStore('passkeys', { keyPath: ['origin', 'credentialId'] }).createIndex('origin', 'origin');
      database.createObjectStore('activity', { keyPath: 'seq', autoIncrement: true }).createIndex('origin', 'origin');
    },
  });
  const tx = db.transaction([...STORES], 'readwrite');
  for (const store of STORES) for (const record of records[store]) await tx.objectStore(store).put(record);
  await tx.done;
  return db;
}

/** Every store's records, in key order, for comparing a database before and after an upgrade. */
export async function readAll(db: IDBPDatabase<unknown>): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const store of db.objectStoreNames) out[store] = await db.getAll(store);
  return out;
}

/** Each store's key path and indexes: the schema's shape, apart from its records. */
export function shapeOf(db: IDBPDatabase<unknown>) {
  const tx = db.transaction([...db.objectStoreNames]);
  return Object.fromEntries(
    [...db.objectStoreNames].map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((index) => [index, store.index(index).keyPath]);
      return [name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes: Object.fromEntries(indexes) }];
    }),
  );
}
