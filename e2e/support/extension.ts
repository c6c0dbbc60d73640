import { type BrowserContext, type Page, test as base, type Worker } from '@playwright/test';
import { join } from 'node:path';
import { CHROME_EXTENSION_ID, launchWithWallet, WalletPrompts } from '../../packages/playwright/src/index.ts';
import { type SiteFixtures, siteFixtures } from './siteFixtures.ts';
import { stopServiceWorker } from '../../test-support/serviceWorker.ts';

export { walletCall, type WalletReply } from '../../test-support/walletCall.ts';

/** The development build's origin: the kit's pinned id (passkeys and the emulator rely on it). */
export const EXTENSION_ORIGIN = `chrome-extension://${CHROME_EXTENSION_ID}`;
export const CHROME_BUILD = join(import.meta.dirname, '..', '..', 'dist', 'chrome');

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
    stopServiceWorker: () => stopServiceWorker(context, EXTENSION_ORIGIN),
    // The window the background shows prompts in now, never one it is closing (the kit's rule).
    approvalWindow: (title) => prompts.prompt({ title }),
  };
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
