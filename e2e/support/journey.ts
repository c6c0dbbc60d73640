import { test as base } from '@playwright/test';
import { promptPage } from './approvals.ts';
import { DemoCustomer, type FindPrompt } from './demoCustomer.ts';
import { type DemoSite, demoSiteFixture } from './demoSite.ts';
import { type Extension, openExtension } from './extension.ts';
import { dumpStores } from './storeDump.ts';

/**
 * Journeys in Chromium: each test gets a browser with a fresh profile and the
 * built extension, its own emulator and demo site, and a customer on the page.
 */

export const chromiumPrompts =
  (extension: Extension): FindPrompt =>
  (title) =>
    promptPage(extension, title);

/** The records of one of the extension's IndexedDB stores (`sessions`, `clientKeys`, `connections`, …), read in its worker. */
export async function storedRecords(extension: Extension, store: string): Promise<Record<string, unknown>[]> {
  return JSON.parse((await dumpStores(extension)).text)[`idb:grid-wallet/${store}`];
}

export const test = base.extend<{ extension: Extension; site: DemoSite; customer: DemoCustomer }>({
  extension: async ({}, use) => {
    const extension = await openExtension();
    await use(extension);
    await extension.context.close();
  },
  site: demoSiteFixture(),
  customer: async ({ extension, site }, use) => use(await DemoCustomer.visit(extension.context, site, chromiumPrompts(extension))),
});

export { expect } from '@playwright/test';
