import { type BrowserContext, type Page, test as base } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FIREFOX_EXTENSION_UUID, type LaunchedWallet, launchWithWallet } from '../../packages/playwright/src/launch.ts';
import { WalletPrompts } from '../../packages/playwright/src/wallet.ts';
import { packExtension } from '../../scripts/package/packExtension.ts';
import { type SiteFixtures, siteFixtures } from './siteFixtures.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';

/**
 * Firefox ESR through Playwright's WebDriver BiDi mode (Juggler needs Playwright's
 * own Firefox build, which cannot be downloaded here), launched by our Playwright
 * kit: the unpacked build is packed with web-ext and installed in a fresh profile
 * as an unsigned add-on, which ESR allows.
 */

export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
const FIREFOX_BUILD = join(import.meta.dirname, '..', '..', 'dist', 'firefox');

export interface FirefoxExtension {
  context: BrowserContext;
  /** The profile directory (for addFirefoxAuthenticator). */
  profileDir: string;
  /** The approval window once it shows a prompt (titled `title`, when given); Firefox refuses page.goto to moz-extension URLs, the extension opens it. */
  approvalWindow(title?: string | RegExp): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Opens Firefox ESR with the unpacked development build (packed here), or with a
 * ready `.xpi` such as `npm run package` writes, given with the add-on id its manifest carries;
 * `firefoxUserPrefs` go to the kit as they are.
 */
export async function openFirefoxExtension(
  ready?: { xpi: string; addonId: string },
  firefoxUserPrefs?: Record<string, string | number | boolean>,
): Promise<FirefoxExtension> {
  const packed = ready ? undefined : await makeTempDir('xpi');
  const removePacked = async () => {
    if (packed) await rm(packed, { recursive: true, force: true });
  };
  let launched: LaunchedWallet;
  try {
    launched = await launchWithWallet({
      browser: 'firefox',
      ...(ready ?? { xpi: await packExtension(FIREFOX_BUILD, packed!, 'addon.xpi') }),
      ...(firefoxUserPrefs && { firefoxUserPrefs }),
    });
  } catch (error) {
    await removePacked();
    throw error;
  }
  const prompts = new WalletPrompts(launched.context, 'firefox', FIREFOX_EXTENSION_ORIGIN);
  return {
    context: launched.context,
    profileDir: launched.profileDir!,
    approvalWindow: (title) => prompts.prompt({ title }),
    async close() {
      await launched.close();
      await removePacked();
    },
  };
}

export const test = base.extend<SiteFixtures, { extension: FirefoxExtension }>({
  extension: [
    async ({}, use) => {
      const extension = await openFirefoxExtension();
      await use(extension);
      await extension.close();
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  ...siteFixtures,
});

export { expect } from '@playwright/test';
