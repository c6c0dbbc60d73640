import type { BrowserContext, Page } from '@playwright/test';
import { APPROVAL_PATH } from '../../packages/playwright/src/approvalWindow.ts';
import { press } from '../../e2e/support/approvals.ts';
import { EXTENSION_ORIGIN, type Extension, openExtension, walletCall } from '../../e2e/support/extension.ts';
import { FIREFOX_EXTENSION_ORIGIN, openFirefoxExtension } from '../../e2e/support/firefox.ts';
import { WORKER_SCRIPT_MARK } from '../../src/background/workerScriptMark.ts';
import { InternalApi } from './internal.ts';

/**
 * The browsers the bench drives, each with the built extension, launched the way
 * the e2e tests launch them (Chromium: dist/chrome unpacked; Firefox ESR: dist/firefox
 * packed and installed by the Playwright kit, under WebDriver BiDi), and how the
 * bench answers its setup prompts in each.
 */
export type BenchBrowserName = 'chromium' | 'firefox';
export const BENCH_BROWSERS: readonly BenchBrowserName[] = ['chromium', 'firefox'];

/** Why Firefox's heap line prints n/a. */
export const FIREFOX_NO_CDP =
  "not measured in Firefox ESR: it runs under WebDriver BiDi only (no CDP), which cannot read the background's heap";
/** Why Firefox's cold line prints n/a: nothing can stop its event page on demand; it suspends it after 30 s idle. */
export const FIREFOX_NOT_SUSPENDED =
  'not measured in Firefox ESR: nothing stops its event page on demand under BiDi, and in no 30 s idle sample did the request start a new one (--idle=0, or something woke it before)';

/** Epoch ms: when the running background's document began, and when main.ts's first line ran (its modules loaded). */
export interface WorkerStart {
  timeOrigin: number;
  scriptRanAt: number;
}

/** Evaluated in the background (Chromium) or in its window (Firefox). */
function readWorkerStart(global: typeof globalThis, mark: string): WorkerStart {
  const { timeOrigin } = global.performance;
  return { timeOrigin, scriptRanAt: timeOrigin + (global.performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN) };
}

export interface BenchBrowser {
  name: BenchBrowserName;
  context: BrowserContext;
  /** The extension's origin (chrome-extension:// or moz-extension://). */
  extensionOrigin: string;
  /** The approval window's URL. */
  approvalPage: string;
  /** Approves the pending connect. */
  approveConnect(): Promise<void>;
  /** Approves the pending sign request with "Don't ask again for 1 hour": the signing grant. */
  approveSignWithGrant(): Promise<void>;
  /** The running background's clock marks (Firefox: read in an approval window that `asker`, never connected, opens). */
  workerStart(asker: Page): Promise<WorkerStart>;
  /** Chromium only: the extension's CDP handles (worker stop, heap, profiles) and its internal API. */
  chromium?: { extension: Extension; api: InternalApi };
  close(): Promise<void>;
}

/**
 * Chromium answers through the internal API from an extension page, as before.
 * Playwright can't open a moz-extension:// page, so Firefox answers in the approval
 * window's DOM, as a person would (the kit's accessible names).
 */
export async function launchBenchBrowser(name: BenchBrowserName): Promise<BenchBrowser> {
  if (name === 'chromium') {
    // Playwright disables third-party storage partitioning, which leaves a cross-site
    // iframe without IndexedDB; a later --disable-features wins, so this list (without
    // it) restores Chrome's default for the iframe peer.
    const extension = await openExtension('', ['--disable-features=PaintHolding,Translate,MediaRouter']);
    const api = await InternalApi.open(extension);
    return {
      name,
      context: extension.context,
      extensionOrigin: EXTENSION_ORIGIN,
      approvalPage: `${EXTENSION_ORIGIN}${APPROVAL_PATH}`,
      approveConnect: () => api.approve('connect', { kind: 'connect' }),
      approveSignWithGrant: () => api.approve('sign', { kind: 'sign', grantMinutes: 60 }),
      workerStart: async () =>
        (await extension.serviceWorker()).evaluate(`(${readWorkerStart})(globalThis, ${JSON.stringify(WORKER_SCRIPT_MARK)})`),
      chromium: { extension, api },
      close: () => extension.context.close(),
    };
  }
  const extension = await openFirefoxExtension();
  const approve = async (prepare: (window: Page) => Promise<void>) => {
    const window = await extension.approvalWindow();
    await prepare(window);
    await press(window, 'Approve');
  };
  return {
    name,
    context: extension.context,
    extensionOrigin: FIREFOX_EXTENSION_ORIGIN,
    approvalPage: `${FIREFOX_EXTENSION_ORIGIN}${APPROVAL_PATH}`,
    approveConnect: () => approve(async () => undefined),
    approveSignWithGrant: () => approve((window) => window.getByRole('radio', { name: "Don't ask again for 1 hour" }).check()),
    // No handle on the event page under BiDi, but an extension page can reach it: ask a connect, read, approve, disconnect.
    async workerStart(asker) {
      const connecting = walletCall(asker, 'wallet_connect');
      let start: WorkerStart | undefined;
      await approve(async (window) => {
        start = await window.evaluate(
          `(async () => (${readWorkerStart})(await browser.runtime.getBackgroundPage(), ${JSON.stringify(WORKER_SCRIPT_MARK)}))()`,
        );
      });
      if (!('result' in (await connecting))) throw new Error('the connect that reads the event page was not approved');
      await walletCall(asker, 'wallet_disconnect');
      return start!;
    },
    close: () => extension.close(),
  };
}
