import { type BrowserContext, firefox, type Page, test as base } from '@playwright/test';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { isCurrentApprovalWindow } from './currentApprovalWindow.ts';
import { type SiteFixtures, siteFixtures } from './siteFixtures.ts';

/**
 * Firefox ESR through Playwright's WebDriver BiDi mode (Juggler needs Playwright's
 * own Firefox build, which cannot be downloaded here). The unpacked build is
 * packed with web-ext and dropped into a fresh profile as an unsigned add-on,
 * which ESR allows. See ../shared/reference/extension-toolchain.md §5.
 */

export const GECKO_ID = 'authenticator@grid-wallet.dev';
/** Pinned so the extension's origin is stable: moz-extension://<uuid>. */
export const FIREFOX_EXTENSION_UUID = '6b1f4d0e-8a51-4c2e-9f3a-2d7c9e5b4a10';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;
const FIREFOX_BUILD = join(import.meta.dirname, '..', '..', 'dist', 'firefox');

export interface FirefoxExtension {
  context: BrowserContext;
  /** The approval window's page (Firefox refuses page.goto to moz-extension URLs; the extension opens it). */
  approvalWindow(): Promise<Page>;
  close(): Promise<void>;
}

/** Opens Firefox ESR with the unpacked build (packed here), or with a ready `.xpi` such as `npm run package` writes. */
export async function openFirefoxExtension(xpi?: string): Promise<FirefoxExtension> {
  const profile = await mkdtemp(join(tmpdir(), 'grid-wallet-firefox-'));
  await mkdir(join(profile, 'extensions'));
  const installed = join(profile, 'extensions', `${GECKO_ID}.xpi`);
  if (xpi) {
    await copyFile(xpi, installed);
  } else {
    await promisify(execFile)('npx', ['web-ext', 'build', '--source-dir', FIREFOX_BUILD, '--artifacts-dir', profile, '--filename', 'addon.xpi', '--overwrite-dest']);
    await rename(join(profile, 'addon.xpi'), installed);
  }
  const context = await firefox.launchPersistentContext(profile, {
    channel: 'moz-firefox',
    executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
    headless: true,
    firefoxUserPrefs: {
      'xpinstall.signatures.required': false,
      'extensions.autoDisableScopes': 0,
      'extensions.enabledScopes': 15,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    },
  });
  return {
    context,
    async approvalWindow() {
      // Firefox announces the window as about:blank and navigates it afterwards,
      // waitForLoadState hangs on extension pages, and a closed window can linger in
      // context.pages(): poll for the newest approval page that answers and is the
      // background's current window.
      const isApproval = (p: Page) => !p.isClosed() && p.url().startsWith(`${FIREFOX_EXTENSION_ORIGIN}/src/popup/approval.html`);
      // Firefox's BiDi skips extension documents when they load (Bug 1755014) and reports
      // their realm only once a command reaches the document; without one in flight at
      // that moment, evaluate would wait forever. A mouse move is such a command.
      const poked = (p: Page) => p.mouse.move(0, 0).then(() => isCurrentApprovalWindow(p));
      const answers = (p: Page) => Promise.race([poked(p), new Promise<false>((r) => setTimeout(() => r(false), 500))]).catch(() => false);
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
        const page = context.pages().filter(isApproval).at(-1);
        if (page && (await answers(page))) return page;
      }
      throw new Error('the approval window did not open');
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
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
