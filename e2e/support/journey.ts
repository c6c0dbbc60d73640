import { test as base } from '@playwright/test';
import { promptPage } from './approvals.ts';
import { DemoCustomer, type FindPrompt } from './demoCustomer.ts';
import { type DemoSite, demoSiteFixture } from './demoSite.ts';
import { type Extension, openExtension } from './extension.ts';

/**
 * Journeys in Chromium: each test gets a browser with a fresh profile and the
 * built extension, its own emulator and demo site, and a customer on the page.
 */

export const chromiumPrompts = (extension: Extension): FindPrompt => (title) => promptPage(extension, title);

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
