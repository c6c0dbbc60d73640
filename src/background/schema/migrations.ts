import type { IDBPDatabase, IDBPTransaction } from 'idb';

/**
 * The database's history, one step per version (docs/architecture.md §4, "Updates"):
 * `MIGRATIONS[n]` takes a database at version n to version n + 1, in the
 * upgrade's own versionchange transaction, so a step that fails (or a browser
 * that dies mid-step) leaves the database at its old version with every record
 * intact, and the next start runs the step again. Steps are never edited once
 * released: a change to the schema is a new step at the end.
 */
export type Migration = (db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => Promise<void>;

/** 0 → 1 (release 0.1.0): the five stores. */
async function createStores(db: IDBPDatabase<unknown>): Promise<void> {
  const clientKeys = db.createObjectStore('clientKeys', { keyPath: 'id' });
  clientKeys.createIndex('origin', 'origin');
  clientKeys.createIndex('expiresAt', 'expiresAt');
  const sessions = db.createObjectStore('sessions', { keyPath: ['origin', 'sessionId'] });
  sessions.createIndex('origin', 'origin');
  sessions.createIndex('expiresAt', 'expiresAt');
  db.createObjectStore('connections', { keyPath: 'origin' });
  db.createObjectStore('passkeys', { keyPath: ['origin', 'credentialId'] }).createIndex('origin', 'origin');
  db.createObjectStore('activity', { keyPath: 'seq', autoIncrement: true }).createIndex('origin', 'origin');
}

/**
 * 1 → 2: passkeys indexed by credential id, so "did this browser create it for
 * another site?" (PasskeyStore.createdHere) is one index read, not a scan. The
 * browser builds the index from the records already there.
 */
async function indexPasskeysByCredential(
  _db: IDBPDatabase<unknown>,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
): Promise<void> {
  tx.objectStore('passkeys').createIndex('credentialId', 'credentialId');
}

export const MIGRATIONS: readonly Migration[] = [createStores, indexPasskeysByCredential];

/** Runs the steps after `oldVersion`, in order, inside the upgrade transaction (the database's version is one per step). */
export async function migrate(
  db: IDBPDatabase<unknown>,
  oldVersion: number,
  tx: IDBPTransaction<unknown, string[], 'versionchange'>,
  steps: readonly Migration[],
): Promise<void> {
  for (const step of steps.slice(oldVersion)) await step(db, tx);
}
