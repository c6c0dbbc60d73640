import { cpSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { PAYMENT } from './approvals/payloads.ts';
import { END_SESSION_OF } from './attacks/payloads.ts';
import { answerOrPrompt } from './support/answerOrPrompt.ts';
import { internalCall, openSite, press, promptPage, TOOLBAR_PAGE } from './support/approvals.ts';
import { CHROME_BUILD, expect, type Extension, openExtension, test, walletCall } from './support/extension.ts';
import { signWithGrant } from './support/grants.ts';
import { verifyGridStamp } from '../test-support/independent.ts';
import { buildPreviousRelease, carryNewerVersion, type PreviousBuild } from './support/previousRelease.ts';
import { killBrowser, openExtensionWatchingUpgrade } from './support/crash.ts';
import { makeTempDir } from '../scripts/tempDir.ts';
import { MIGRATIONS } from '../src/background/schema/migrations.ts';
import { dumpStores } from './support/storeDump.ts';
import { ACCOUNT_ID, callWithApproval, connect, expectError, inMinutes, openClientKeySession, resultOf } from './support/wallet.ts';
import { folderPerTest } from './support/folderPerTest.ts';

/**
 * An update in place (docs/architecture.md §4, "Updates"): the previous release,
 * built from its tag, makes real state in a profile; the current build replaces it
 * in the same folder (same id, same profile); everything the customer had is kept,
 * expired sessions are gone, and nothing is widened. Firefox's in place update is e2e/firefox/update.spec.ts.
 */

const profile = folderPerTest('update');

/** The stores as the update test compares them. */
async function stores(extension: Extension) {
  const dump = JSON.parse((await dumpStores(extension)).text);
  return {
    connections: dump['idb:grid-wallet/connections'],
    clientKeys: dump['idb:grid-wallet/clientKeys'],
    passkeys: dump['idb:grid-wallet/passkeys'],
    activity: dump['idb:grid-wallet/activity'],
    local: dump['storage.local'],
  };
}

/**
 * The database's version and shape (stores, key paths, indexes) as any running worker of the extension sees it (none
 * may run for a moment).
 */
async function databaseShape(extension: { context: BrowserContext }): Promise<unknown> {
  for (const worker of extension.context.serviceWorkers()) {
    const shape = await worker
      .evaluate(async () => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('grid-wallet');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction([...db.objectStoreNames]);
        const stores = [...db.objectStoreNames].map((name) => {
          const store = tx.objectStore(name);
          const indexes = [...store.indexNames].map((index) => [index, store.index(index).keyPath]);
          return [name, { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes: Object.fromEntries(indexes) }];
        });
        db.close();
        return { version: db.version, stores: Object.fromEntries(stores) };
      })
      .catch(() => undefined);
    if (shape !== undefined) return shape;
  }
  return undefined;
}

/** The previous release's Chrome build, made once for this file's tests in a folder removed after them. */
let previous: PreviousBuild | undefined;
let previousDir: string | undefined;
test.beforeAll(async () => {
  test.setTimeout(300_000); // npm ci and a build, on a busy machine
  previousDir = await makeTempDir('previous-release');
  previous = buildPreviousRelease(previousDir, 'chrome');
  if (!('unavailable' in previous)) console.log(`update tests: from ${previous.from} (${previous.commit.slice(0, 7)})`);
});
test.afterAll(async () => {
  if (previousDir) await rm(previousDir, { recursive: true, force: true });
});

/** The previous release's build; skips the test, saying why, in a clone without that release. */
function previousBuild(): string {
  if (previous && 'unavailable' in previous) test.skip(true, `UPDATE TEST NOT RUN: ${previous.unavailable}`);
  return (previous as { build: string }).build;
}

/** Replaces the extension in `installed` with this build, as an update does, for the profile in `browserDir`. */
function updateInPlace(installed: string, browserDir: string): void {
  rmSync(installed, { recursive: true });
  cpSync(CHROME_BUILD, installed, { recursive: true });
  carryNewerVersion(installed, previousBuild());
  // Chrome would start the replaced worker from its script cache (an unpacked extension's files changed behind its
  // back); a store update re-registers the worker, which emptying that cache stands in for.
  rmSync(join(browserDir, 'Default', 'Service Worker'), { recursive: true, force: true });
}

async function extensionPage(extension: Extension): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(TOOLBAR_PAGE);
  return page;
}

test('an update from the previous release keeps sessions, grant, keys, activity and settings; expired sessions go; nothing is widened', async ({
  extension: newInstall,
  site,
}) => {
  // The extension's folder stays; its contents are replaced, as an update replaces them.
  const installed = join(profile(), 'extension');
  cpSync(previousBuild(), installed, { recursive: true });

  // The previous release, with real state.
  let extension = await openExtension(join(profile(), 'browser'), [], installed);
  let page = await openSite(extension, site.origin);
  await connect(extension, page);
  const live = await openClientKeySession(page, inMinutes(30));
  const expiring = await openClientKeySession(page, new Date(Date.now() + 5_000).toISOString());
  const unused = resultOf(await walletCall(page, 'grid_createClientKey'));
  resultOf(await signWithGrant(extension, page, live.sessionId)); // a one-hour grant
  let settingsPage = await extensionPage(extension);
  await internalCall(settingsPage, 'settings/set', { trustLocalGridEmulator: false });
  const before = await stores(extension);
  expect(before.connections[0].signingGrantUntil).toBeGreaterThan(Date.now());
  await extension.context.close();

  // The expiring session's time passes while the browser is closed; then the update.
  await expect.poll(() => Date.now(), { timeout: 15_000 }).toBeGreaterThan(Date.parse(expiring.expiresAt));
  updateInPlace(installed, join(profile(), 'browser'));
  extension = await openExtension(join(profile(), 'browser'), [], installed);
  try {
    // A page's first request starts the new worker, which upgrades the database as it starts.
    page = await openSite(extension, site.origin);
    const status = resultOf(await walletCall(page, 'wallet_status'));
    // Every step ran: the upgraded database has the shape a new install of this build creates.
    const newShape = await databaseShape(newInstall);
    expect(newShape).toBeDefined();
    await expect.poll(() => databaseShape(extension)).toEqual(newShape);

    // The live session is there and signs under the kept grant, without a prompt; the expired one is gone.
    expect(status).toMatchObject({ connected: true, sessions: [live] });
    const signed = resultOf(await walletCall(page, 'grid_signPayload', { sessionId: live.sessionId, payloadToSign: PAYMENT }));
    expect((await verifyGridStamp(signed.signature, PAYMENT)).publicKey).toBe(live.publicKey);
    expectError(await walletCall(page, 'grid_signPayload', { sessionId: expiring.sessionId, payloadToSign: PAYMENT }), 4404);

    // Nothing lost or widened: the connection and its grant (same end), keys, passkeys and settings as they were;
    // the activity log as it was, plus what happened since.
    const after = await stores(extension);
    expect(after.connections).toEqual(before.connections);
    expect(after.passkeys).toEqual(before.passkeys);
    expect(after.local).toEqual(before.local);
    expect(after.activity.slice(0, before.activity.length)).toEqual(before.activity);
    expect(after.clientKeys.filter((k: { expiresAt: number }) => k.expiresAt > Date.now())).toEqual(
      before.clientKeys.filter((k: { expiresAt: number }) => k.expiresAt > Date.now()),
    );
    settingsPage = await extensionPage(extension);
    // Settings added since (the sandbox developer setting) start off.
    expect((await internalCall(settingsPage, 'settings/get')).result).toEqual({ trustLocalGridEmulator: false, sandboxPlainCodes: false });

    // The 0.1.0 grant (which also covered its own sign-out) now covers payments only: a sign-out asks.
    const signOut = walletCall(page, 'grid_signPayload', { sessionId: live.sessionId, payloadToSign: END_SESSION_OF(live.sessionId) });
    expect(await answerOrPrompt(extension, signOut)).toBe('pending');
    await press(await promptPage(extension, 'Sign out a session'), 'Reject');
    expectError(await signOut, 4001);

    // A spent client key stays spent; the unused one still opens a session that signs.
    const spentId = before.clientKeys.find((k: { keys: unknown }) => k.keys === null).id;
    expect(
      expectError(
        await walletCall(page, 'grid_openSession', { clientKeyId: spentId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }),
        4404,
      ).data,
    ).toEqual({ reason: 'used' });
    const reopened = resultOf(
      await walletCall(page, 'grid_openSession', { clientKeyId: unused.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }),
    );
    const again = resultOf(await walletCall(page, 'grid_signPayload', { sessionId: reopened.sessionId, payloadToSign: PAYMENT }));
    expect((await verifyGridStamp(again.signature, PAYMENT)).publicKey).toBe(unused.compressedPublicKey);
  } finally {
    await extension.context.close();
  }
});

test('killed while the database upgrade runs: the next start finds the old version whole and upgrades it; nothing is lost', async ({
  extension: newInstall,
  site,
}) => {
  const installed = join(profile(), 'extension');
  const browserDir = join(profile(), 'browser');
  cpSync(previousBuild(), installed, { recursive: true });
  let extension = await openExtension(browserDir, [], installed);
  let page = await openSite(extension, site.origin);
  await connect(extension, page);
  const live = await openClientKeySession(page, inMinutes(30));
  resultOf(await walletCall(page, 'grid_createClientKey'));
  const before = await stores(extension);
  await extension.context.close();
  updateInPlace(installed, browserDir);

  // The kill lands inside the upgrade: its steps have run and its transaction is held open.
  const upgrade = { from: 1, to: MIGRATIONS.length };
  const held = await openExtensionWatchingUpgrade(browserDir, installed, true);
  try {
    expect(await held.upgrade()).toEqual(upgrade);
    await killBrowser(held, browserDir);
  } finally {
    await held.context.close();
  }

  // The next start finds version 1 as it was (the killed upgrade committed nothing) and upgrades it.
  const next = await openExtensionWatchingUpgrade(browserDir, installed, false);
  try {
    expect(await next.upgrade()).toEqual(upgrade);
    await expect.poll(() => databaseShape(next)).toEqual(await databaseShape(newInstall));
  } finally {
    await next.context.close();
  }

  extension = await openExtension(browserDir, [], installed);
  try {
    expect(await stores(extension)).toEqual(before);
    page = await openSite(extension, site.origin);
    expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: true, sessions: [live] });
    const signed = resultOf(
      await callWithApproval(extension, page, 'grid_signPayload', { sessionId: live.sessionId, payloadToSign: PAYMENT }),
    );
    expect((await verifyGridStamp(signed.signature, PAYMENT)).publicKey).toBe(live.publicKey);
  } finally {
    await extension.context.close();
  }
});
