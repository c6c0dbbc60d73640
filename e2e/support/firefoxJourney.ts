import { expect, test as base } from '@playwright/test';
import { DemoCustomer, type FindPrompt } from './demoCustomer.ts';
import { type DemoSite, demoSiteFixture } from './demoSite.ts';
import { type FirefoxExtension, openFirefoxExtension } from './firefox.ts';

/**
 * Journeys in Firefox ESR: a fresh profile per test. The approval window is
 * found by the kit's prompt lookup, which copes with Firefox announcing it as
 * about:blank and with closed windows that linger in context.pages().
 */

export const firefoxPrompts =
  (extension: FirefoxExtension): FindPrompt =>
  (title) =>
    extension.approvalWindow(title);

export const test = base.extend<{ extension: FirefoxExtension; site: DemoSite; customer: DemoCustomer }>({
  extension: async ({}, use) => {
    const extension = await openFirefoxExtension();
    await use(extension);
    await extension.close();
  },
  site: demoSiteFixture(),
  customer: async ({ extension, site }, use) => use(await DemoCustomer.visit(extension.context, site, firefoxPrompts(extension))),
});

export { expect };
