import { type BrowserContext, chromium, type Page, test as base, type Worker } from '@playwright/test';
import { join } from 'node:path';
import { WalletPrompts } from '../../packages/playwright/src/wallet.ts';
import { type SiteFixtures, siteFixtures } from './siteFixtures.ts';

/** The Chrome build's id, pinned by the manifest `key` (passkeys and the emulator rely on it). */
export const EXTENSION_ID = 'dljlcnjpmbacdnbgbmhbihhihjmmcmen';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;
export const CHROME_BUILD = join(import.meta.dirname, '..', '..', 'dist', 'chrome');

/** What a page's `gridWallet.request` settled with. */
export type WalletReply = { result: any } | { error: { code: number; message: string; data?: any } };

export interface Extension {
  context: BrowserContext;
  /** The extension's service worker (re-resolved after a stop). */
  serviceWorker(): Promise<Worker>;
  /** Stops the service worker the way Chrome does when it idles (CDP ServiceWorker.stopAllWorkers). */
  stopServiceWorker(): Promise<void>;
  /** The approval window's page, waiting for it to open if needed. */
  approvalWindow(): Promise<Page>;
}

export function launchOptions(extensionPath = CHROME_BUILD, extraArgs: string[] = []) {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${extensionPath}`,
      `--load-extension=${extensionPath}`,
      '--disable-gpu',
      '--disable-quic',
      ...extraArgs,
    ],
  };
}

/** `build`: the Chrome build to load (a copy with other messages, for the pseudo-locale). */
export async function openExtension(userDataDir = '', extraArgs: string[] = [], build = CHROME_BUILD): Promise<Extension> {
  const context = await chromium.launchPersistentContext(userDataDir, launchOptions(build, extraArgs));
  const serviceWorker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(EXTENSION_ORIGIN)) ?? context.waitForEvent('serviceworker');
  const worker = await serviceWorker();
  const prompts = new WalletPrompts(context, 'chromium', EXTENSION_ORIGIN);
  if (new URL(worker.url()).host !== EXTENSION_ID) throw new Error(`unexpected extension id ${worker.url()}`);
  return {
    context,
    serviceWorker,
    async stopServiceWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      const stopped = new Promise<void>((resolve) =>
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          if (versions.some((v) => v.scriptURL.startsWith(EXTENSION_ORIGIN) && v.runningStatus === 'stopped')) resolve();
        }),
      );
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await stopped;
      await cdp.detach();
    },
    // The window the background shows prompts in now, never one it is closing (the kit's rule).
    approvalWindow: () => prompts.prompt(),
  };
}

/** Calls `window.gridWallet.request` in `page` and returns how it settled, never throwing. */
export function walletCall(page: Page, method: string, params?: unknown): Promise<WalletReply> {
  return page.evaluate(
    async ([method, params]) => {
      try {
        return { result: await (window as any).gridWallet.request({ method, params }) };
      } catch (error: any) {
        return { error: { code: error.code, message: error.message, data: error.data } };
      }
    },
    [method, params] as const,
  );
}

export const test = base.extend<SiteFixtures, { extension: Extension }>({
  extension: [
    async ({}, use) => {
      const extension = await openExtension();
      await use(extension);
      await extension.context.close();
    },
    { scope: 'worker' },
  ],
  ...siteFixtures,
});

export { expect } from '@playwright/test';
