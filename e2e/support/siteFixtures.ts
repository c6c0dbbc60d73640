import type { BrowserContext, Page, TestFixture } from '@playwright/test';
import { type PageServer, startPageServer } from './pageServer.ts';

/**
 * The per-test fixtures both browsers share: `site`, a page server on a fresh
 * port (so a fresh origin), and `page`, a tab on it once the provider is there.
 */
export interface SiteFixtures {
  site: PageServer;
  page: Page;
}

const site: TestFixture<PageServer, object> = async ({}, use) => {
  const server = await startPageServer();
  await use(server);
  await server.close();
};

const page: TestFixture<Page, { extension: { context: BrowserContext }; site: PageServer }> = async ({ extension, site }, use) => {
  const tab = await extension.context.newPage();
  await tab.goto(`${site.origin}/blank.html`);
  await tab.waitForFunction(() => 'gridWallet' in window, undefined, { timeout: 15_000 });
  await use(tab);
  await tab.close();
};

export const siteFixtures = { site, page };
