import { readdirSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Extension } from './extension.ts';

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
export async function killBrowser(extension: Extension, userDataDir: string): Promise<void> {
  const gone = new Promise((resolve) => extension.context.once('close', resolve));
  process.kill(browserPid(userDataDir), 'SIGKILL');
  await gone;
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
