import { type BrowserContext, type Page, test as base, type Worker } from '@playwright/test';
import { join } from 'node:path';
import { CHROME_EXTENSION_ID, launchWithWallet, WalletPrompts } from '../../packages/playwright/src/index.ts';
import { type SiteFixtures, siteFixtures } from './siteFixtures.ts';

/** The development build's origin: the kit's pinned id (passkeys and the emulator rely on it). */
export const EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;
export const CHROME_BUILD = join(import.meta.dirname, '..', '..', 'dist', 'chrome');

/** What a page's `gridWallet.request` settled with. */
export type WalletReply = { result: any } | { error: { code: number; message: string; data?: any } };

export interface Extension {
  context: BrowserContext;
  /** The extension's service worker (re-resolved after a stop). */
  serviceWorker(): Promise<Worker>;
  /** Stops the service worker the way Chrome does when it idles (CDP ServiceWorker.stopAllWorkers). */
  stopServiceWorker(): Promise<void>;
  /** The approval window once it shows a prompt (titled `title`, when given), waiting for it to open if needed. */
  approvalWindow(title?: string | RegExp): Promise<Page>;
}

/** `build`: the Chrome build to load (a copy with other messages, for the pseudo-locale). */
export async function openExtension(userDataDir = '', extraArgs: string[] = [], build = CHROME_BUILD): Promise<Extension> {
  const { context, extensionOrigin } = await launchWithWallet({ extensionDir: build, userDataDir, args: extraArgs });
  if (extensionOrigin !== EXTENSION_ORIGIN) {
    await context.close();
    throw new Error(`unexpected extension ${extensionOrigin}`);
  }
  const serviceWorker = async () =>
    context.serviceWorkers().find((w) => w.url().startsWith(EXTENSION_ORIGIN)) ?? context.waitForEvent('serviceworker');
  const prompts = new WalletPrompts(context, 'chromium', EXTENSION_ORIGIN);
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
    approvalWindow: (title) => prompts.prompt({ title }),
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
