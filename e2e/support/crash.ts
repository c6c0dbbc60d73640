import { readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type BrowserContext, chromium, expect } from '@playwright/test';
import { chromiumLaunchOptions } from '../../packages/playwright/src/index.ts';
import { TOOLBAR_PAGE } from './approvals.ts';
import { CHROME_BUILD, EXTENSION_ORIGIN, type Extension } from './extension.ts';

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
 * Chromium on `userDataDir` with the extension in `build` loaded after a browser-level CDP client has attached with
 * `waitForDebuggerOnStart`, so the extension's worker is patched before its first line (a worker started by
 * `--load-extension` runs, and upgrades the database, before any test code can reach it). `upgrade()` waits for the
 * worker to start on an extension page's request and to run a database upgrade, and says from which version; with
 * `hold`, the upgrade's steps have run and its transaction stays open, so a kill lands inside it.
 */
export async function openExtensionWatchingUpgrade(
  userDataDir: string,
  build: string,
  hold: boolean,
): Promise<{ context: BrowserContext; upgrade(): Promise<UpgradeSeen> }> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumLaunchOptions(CHROME_BUILD).executablePath,
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: ['--enable-unsafe-extension-debugging', '--disable-gpu', '--disable-quic'],
  });
  try {
    // Playwright's own CDP sessions cannot address the targets a flat auto-attach gives; a page can, through a binding.
    const client = context.pages()[0] ?? (await context.newPage());
    const { targetInfo } = await (await context.newCDPSession(client)).send('Target.getTargetInfo');
    const browserSession = await context.browser()!.newBrowserCDPSession();
    await browserSession.send('Target.exposeDevToolsProtocol', { targetId: targetInfo.targetId, bindingName: 'cdp' });
    await client.evaluate(
      ([origin, patch]) => {
        const cdp = (window as unknown as { cdp: { send(json: string): void; onmessage(json: string): void } }).cdp;
        let id = 0;
        const send = (method: string, params: object, sessionId?: string) =>
          cdp.send(JSON.stringify({ id: ++id, method, params, ...(sessionId && { sessionId }) }));
        cdp.onmessage = (json) => {
          const { method, params } = JSON.parse(json);
          if (method !== 'Target.attachedToTarget') return;
          if (params.targetInfo.type === 'service_worker' && params.targetInfo.url.startsWith(origin))
            send('Runtime.evaluate', { expression: patch }, params.sessionId);
          send('Runtime.runIfWaitingForDebugger', {}, params.sessionId);
        };
        send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true });
      },
      [EXTENSION_ORIGIN, `(${watchUpgrades})(${hold})`] as const,
    );
    await browserSession.send('Extensions.loadUnpacked', { path: build });
  } catch (error) {
    await context.close();
    throw error;
  }
  return {
    context,
    async upgrade() {
      const worker = context.waitForEvent('serviceworker');
      void (await context.newPage()).goto(TOOLBAR_PAGE).catch(() => undefined); // its request starts the worker
      const started = await worker;
      const seen = () => started.evaluate(() => (globalThis as { upgradeSeen?: UpgradeSeen }).upgradeSeen);
      await expect.poll(seen, { message: 'the worker ran a database upgrade' }).toBeDefined();
      return (await seen())!;
    },
  };
}
