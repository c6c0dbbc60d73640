import { copyFile, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { APPROVAL_PATH, launchWithWallet, WalletPrompts } from '../../packages/playwright/src/index.ts';
import { launchFirefoxIn } from '../../packages/playwright/src/launch.ts';
import { packExtension } from '../../scripts/package/packExtension.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';
import { WORKER_SCRIPT_MARK } from '../../src/background/workerScriptMark.ts';
import { stopServiceWorker } from '../../test-support/serviceWorker.ts';
import { walletCall } from '../../test-support/walletCall.ts';
import { InternalApi } from './internal.ts';

/**
 * The browsers the bench drives, each with the built extension, launched by the
 * Playwright kit (packages/playwright) as the e2e tests launch them (Chromium:
 * dist/chrome unpacked; Firefox ESR: dist/firefox packed with web-ext, under
 * WebDriver BiDi), and how the bench answers its setup prompts in each.
 */
export type BenchBrowserName = 'chromium' | 'firefox';
export const BENCH_BROWSERS: readonly BenchBrowserName[] = ['chromium', 'firefox'];

/** The built extension the bench loads by default: `npm run build`'s. */
const DIST = join(import.meta.dirname, '..', '..', 'dist');
/**
 * The browser's cold-start floor, installed beside the wallet: a worker that only answers, with a content script
 * that keeps one port to it as ours does. What a cold stamp takes beyond its cold answer is ours.
 */
const BARE_EXTENSION = join(import.meta.dirname, '..', 'bareExtension');
const BARE_EXTENSION_GECKO_ID = 'bare-extension@bench.grid-wallet.dev';

/** Why Firefox's heap line prints n/a. */
export const FIREFOX_NO_CDP =
  "not measured in Firefox ESR: it runs under WebDriver BiDi only (no CDP), which cannot read the background's heap";
/** Why Firefox's cold line prints n/a: nothing can stop its event page on demand; it suspends it after 30 s idle. */
export const FIREFOX_NOT_SUSPENDED =
  'not measured in Firefox ESR: nothing stops its event page on demand under BiDi, and in no sample (after 1 s idle in a browser of its own, or after 30 s idle) did the request start a new one';

/** Epoch ms: when the running background's document began, and when main.ts's first line ran (its modules loaded). */
export interface WorkerStart {
  timeOrigin: number;
  scriptRanAt: number;
  /**
   * Every performance mark in the worker, in ms after its timeOrigin, the first of each name: main.ts's own, and those
   * a diagnostic build adds to split a cold start (bench/coldPairs.ts prints them).
   */
  marks: Record<string, number>;
}

/** Evaluated in the background (Chromium) or in its window (Firefox). */
function readWorkerStart(global: typeof globalThis, mark: string): WorkerStart {
  const { timeOrigin } = global.performance;
  const marks: Record<string, number> = {};
  for (const entry of global.performance.getEntriesByType('mark')) marks[entry.name] ??= entry.startTime;
  return { timeOrigin, scriptRanAt: timeOrigin + (global.performance.getEntriesByName(mark)[0]?.startTime ?? Number.NaN), marks };
}

/** Chromium's CDP-backed handles: the worker stop, the heap and profiles, and the internal API. */
export interface ChromiumHandles {
  /** Stops the service worker the way Chrome does when it idles. */
  stopServiceWorker(): Promise<void>;
  api: InternalApi;
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
  /** Chromium only. */
  chromium?: ChromiumHandles;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** The build to load, a directory holding chrome/ and firefox/ (default: DIST). */
  dist?: string;
  /** Firefox only: how long an idle event page lives before Firefox suspends it (default Firefox's 30 s). */
  firefoxIdleTimeoutMs?: number;
  /** Another floor extension in the bare one's place, with its gecko id, to calibrate it (bench/coldPairs.ts `--bare`). */
  bareExtension?: string;
}

/**
 * Chromium answers through the internal API from an extension page.
 * Playwright can't open a moz-extension:// page, so Firefox answers in the approval
 * window's DOM, as a person would (the kit's WalletPrompts).
 */
export async function launchBenchBrowser(name: BenchBrowserName, options: LaunchOptions = {}): Promise<BenchBrowser> {
  const dist = options.dist ?? DIST;
  const bare = options.bareExtension ?? BARE_EXTENSION;
  return name === 'chromium' ? launchChromium(dist, bare) : launchFirefox(dist, bare, options.firefoxIdleTimeoutMs);
}

async function launchChromium(dist: string, bareExtension: string): Promise<BenchBrowser> {
  const wallet = join(dist, 'chrome');
  const launched = await launchWithWallet({
    extensionDir: wallet,
    args: [
      // Playwright disables third-party storage partitioning, which leaves a cross-site
      // iframe without IndexedDB; a later --disable-features wins, so this list (without
      // it) restores Chrome's default for the iframe peer.
      '--disable-features=PaintHolding,Translate,MediaRouter',
      // Later switches win: the wallet and the bare extension.
      `--disable-extensions-except=${wallet},${bareExtension}`,
      `--load-extension=${wallet},${bareExtension}`,
    ],
  });
  const { context } = launched;
  // The kit takes the first extension worker it sees, which may be the bare extension's.
  const workerEndingIn = async (file: string) => {
    const named = (w: { url(): string }) => w.url().endsWith(file);
    return context.serviceWorkers().find(named) ?? (await context.waitForEvent('serviceworker', { predicate: named }));
  };
  const ourWorker = await workerEndingIn('/service-worker-loader.js');
  const extensionOrigin = /^chrome-extension:\/\/[a-p]{32}/.exec(ourWorker.url())?.[0];
  if (!extensionOrigin) throw new Error(`Unexpected extension service worker ${ourWorker.url()}`);
  const api = await InternalApi.open(context, extensionOrigin);
  // The API's tab keeps our extension's process while its worker is stopped; a tab of its own keeps the bare one's.
  const bareWorker = await workerEndingIn('/worker.js');
  await (await context.newPage()).goto(new URL('page.html', bareWorker.url()).href);
  return {
    name: 'chromium',
    context,
    extensionOrigin,
    approvalPage: `${extensionOrigin}${APPROVAL_PATH}`,
    approveConnect: () => api.approve('connect', { kind: 'connect' }),
    approveSignWithGrant: () => api.approve('sign', { kind: 'sign', grantMinutes: 60 }),
    async workerStart() {
      const worker =
        context.serviceWorkers().find((w) => w.url().startsWith(extensionOrigin)) ?? (await context.waitForEvent('serviceworker'));
      return worker.evaluate(`(${readWorkerStart})(globalThis, ${JSON.stringify(WORKER_SCRIPT_MARK)})`);
    },
    chromium: { stopServiceWorker: () => stopServiceWorker(context, extensionOrigin), api },
    close: () => launched.close(),
  };
}

async function launchFirefox(dist: string, bareExtension: string, idleTimeoutMs?: number): Promise<BenchBrowser> {
  const packed = await makeTempDir('bench-xpi');
  const profile = await makeTempDir('bench-firefox-profile');
  const removePacked = () => Promise.all([packed, profile].map((dir) => rm(dir, { recursive: true, force: true })));
  const launched = await (async () => {
    // Sideloaded beside the wallet, as the kit sideloads the wallet: from a file named after its id.
    await mkdir(join(profile, 'extensions'), { recursive: true });
    const bare = await packExtension(bareExtension, packed, 'bare.xpi');
    await copyFile(bare, join(profile, 'extensions', `${BARE_EXTENSION_GECKO_ID}.xpi`));
    return launchFirefoxIn(profile, {
      browser: 'firefox',
      xpi: await packExtension(join(dist, 'firefox'), packed, 'addon.xpi'),
      // With it, the event page's clock to 0.1 ms rather than 1 ms, for the split of its cold starts.
      ...(idleTimeoutMs !== undefined && {
        firefoxUserPrefs: { 'extensions.background.idle.timeout': idleTimeoutMs, 'privacy.reduceTimerPrecision': false },
      }),
    });
  })().catch(async (error: unknown) => {
    await removePacked();
    throw error;
  });
  const { context, extensionOrigin } = launched;
  const wallet = new WalletPrompts(context, 'firefox', extensionOrigin);
  return {
    name: 'firefox',
    context,
    extensionOrigin,
    approvalPage: `${extensionOrigin}${APPROVAL_PATH}`,
    approveConnect: () => wallet.approve(),
    approveSignWithGrant: () => wallet.approve({ grant: '1 hour' }),
    // No handle on the event page under BiDi, but an extension page can reach it: ask a connect, read, approve, disconnect.
    async workerStart(asker) {
      const connecting = walletCall(asker, 'wallet_connect');
      const window = await wallet.prompt();
      const start: WorkerStart = await window.evaluate(
        `(async () => (${readWorkerStart})(await browser.runtime.getBackgroundPage(), ${JSON.stringify(WORKER_SCRIPT_MARK)}))()`,
      );
      await wallet.approve();
      if (!('result' in (await connecting))) throw new Error('the connect that reads the event page was not approved');
      await walletCall(asker, 'wallet_disconnect');
      return start;
    },
    async close() {
      await launched.close();
      await removePacked();
    },
  };
}
