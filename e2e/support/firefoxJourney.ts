import { expect, type Page, test as base } from '@playwright/test';
import { DemoCustomer, type FindPrompt } from './demoCustomer.ts';
import { type DemoSite, demoSiteFixture } from './demoSite.ts';
import { type FirefoxExtension, openFirefoxExtension } from './firefox.ts';

/**
 * Journeys in Firefox ESR: a fresh profile per test. The approval window is
 * found through openFirefoxExtension's poll, which copes with Firefox announcing
 * it as about:blank and with closed windows that linger in context.pages().
 */

export const firefoxPrompts =
  (extension: FirefoxExtension): FindPrompt =>
  async (title) => {
    let found: Page | undefined;
    // The newest window may still be the one the last answer is closing: ask again until it shows this prompt.
    await expect(async () => {
      const page = await extension.approvalWindow();
      await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible({ timeout: 1_000 });
      found = page;
    }).toPass({ timeout: 15_000 });
    return found!;
  };

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
