import { readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BrowserContext, expect } from '@playwright/test';
import { TOOLBAR_PAGE } from './approvals.ts';
import { CHROME_BUILD, EXTENSION_ORIGIN, type Extension, openExtension } from './extension.ts';

/** The browser's main process for this profile: its command line names the profile, and it is no helper (`--type=…`). */
function browserPid(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser process runs the profile ${userDataDir}`);
}

/**
 * Kills the browser as a power cut or the OOM killer would (SIGKILL: no shutdown,
 * nothing flushed on the way out) and returns once Playwright has seen it go.
 */
export async function killBrowser(extension: { context: BrowserContext }, userDataDir: string): Promise<void> {
  // Chromium keeps its single-instance socket in a folder of the system temp directory and removes
  // it as it exits; a killed browser cannot, so the test does (nothing of a run may stay behind).
  const socketFolder = dirname(readlinkSync(join(userDataDir, 'SingletonSocket')));
  const gone = new Promise((resolve) => extension.context.once('close', resolve));
  process.kill(browserPid(userDataDir), 'SIGKILL');
  await gone;
  rmSync(socketFolder, { recursive: true, force: true });
}

/**
 * Makes the next commit that touches one of `stores` the last write the worker makes: as that transaction
 * commits, a transaction over every store opens and is kept open, so every later write queues behind it.
 * Resolves with the committed transaction's stores once that happened; killing the browser then leaves the
 * database exactly as that one commit left it. A write split over two transactions is caught half-done, every
 * time, where a kill at some moment would almost always miss the gap between them.
 */
export async function holdWritesAfterNextCommit(extension: Extension, stores: string[]): Promise<() => Promise<string[]>> {
  const worker = await extension.serviceWorker();
  await worker.evaluate((watched) => {
    const transaction = IDBDatabase.prototype.transaction;
    const state = globalThis as { committedBeforeHold?: string[] };
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      const scope = [...tx.objectStoreNames];
      if (tx.mode !== 'readwrite' || !scope.some((name) => watched.includes(name))) return tx;
      // Listeners run in the order added: this one before the store code's own, so the hold opens before that code
      // can start its next transaction.
      tx.addEventListener('complete', () => {
        if (state.committedBeforeHold) return;
        state.committedBeforeHold = scope;
        IDBDatabase.prototype.transaction = transaction;
        const hold = transaction.call(this, [...this.objectStoreNames], 'readwrite');
        const keepOpen = () => {
          hold.objectStore(this.objectStoreNames[0]!).count().onsuccess = keepOpen;
        };
        keepOpen();
      });
      return tx;
    };
  }, stores);
  return async () => {
    const committed = () => worker.evaluate(() => (globalThis as { committedBeforeHold?: string[] }).committedBeforeHold);
    await expect.poll(committed, { message: 'a write to those stores committed' }).toBeDefined();
    return (await committed())!;
  };
}

/** What the extension's worker saw of a database upgrade, once it saw one. */
type UpgradeSeen = { from: number; to: number };

/** Runs in the worker before its first line (see below): reports a database upgrade and, with `hold`, keeps it open. */
function watchUpgrades(hold: boolean): void {
  const state = globalThis as { upgradeSeen?: UpgradeSeen };
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
    const request = open.apply(this, args);
    request.addEventListener('upgradeneeded', (event) => {
      const seen = { from: event.oldVersion, to: event.newVersion ?? 0 };
      if (!hold) {
        state.upgradeSeen = seen;
        return;
      }
      // This listener runs before the worker's own, which runs the steps; the loop's first answer comes after them,
      // and the loop keeps the upgrade's transaction from committing.
      const tx = request.transaction!;
      const store = tx.objectStore(tx.objectStoreNames[0]!);
      const keepOpen = () => {
        state.upgradeSeen = seen;
        store.count().onsuccess = keepOpen;
      };
      store.count().onsuccess = keepOpen;
    });
    return request;
  };
}

/**
 * Chromium on `userDataDir` with the extension in `installed` (this build, put there by an update), its worker
 * patched on its first line: the patch is written at the top of the installed worker script, so it runs before
 * the worker's own code on any start, also one the browser makes at launch. `upgrade()` waits for the worker to run a
 * database upgrade (an extension page's request starts it if nothing had) and says from which version; with `hold`,
 * the upgrade's steps have run and its transaction stays open, so a kill lands inside it.
 */
export async function openExtensionWatchingUpgrade(
  userDataDir: string,
  installed: string,
  hold: boolean,
): Promise<{ context: BrowserContext; upgrade(): Promise<UpgradeSeen> }> {
  const workerScript = JSON.parse(readFileSync(join(CHROME_BUILD, 'manifest.json'), 'utf8')).background.service_worker;
  const original = readFileSync(join(CHROME_BUILD, workerScript), 'utf8');
  writeFileSync(join(installed, workerScript), `(${watchUpgrades})(${hold});\n${original}`);
  // The browser would start the worker from its script cache, without the patch.
  rmSync(join(userDataDir, 'Default', 'Service Worker'), { recursive: true, force: true });
  const { context } = await openExtension(userDataDir, [], installed);
  return {
    context,
    async upgrade() {
      const ours = (w: { url(): string }) => w.url().startsWith(EXTENSION_ORIGIN);
      const running = context.serviceWorkers().find(ours);
      if (!running) void (await context.newPage()).goto(TOOLBAR_PAGE).catch(() => undefined); // its request starts the worker
      const started = running ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
      const seen = () => started.evaluate(() => (globalThis as { upgradeSeen?: UpgradeSeen }).upgradeSeen);
      await expect.poll(seen, { message: 'the worker ran a database upgrade' }).toBeDefined();
      return (await seen())!;
    },
  };
}
