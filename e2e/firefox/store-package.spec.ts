import { expect, test } from '@playwright/test';
import { walletCall } from '../support/extension.ts';
import { press } from '../support/approvals.ts';
import { openFirefoxExtension } from '../support/firefox.ts';
import { startPageServer } from '../support/pageServer.ts';
import { readFile, rm } from 'node:fs/promises';
import { DEVELOPMENT_GECKO_ID, STORE_GECKO_ID } from '@grid-wallet/core/extensionOrigins';
import { join } from 'node:path';
import { emulatorEnclaveKeySpellings, filesContaining, storeArtifact, unpackStoreArtifact } from '../support/storePackages.ts';
import { resultOf } from '../support/wallet.ts';

/** The Firefox artifact of `npm run package`, installed as it is, loads and answers a page. */

test('Firefox: the packaged xpi loads and a page connects through it', async () => {
  const extension = await openFirefoxExtension({ xpi: storeArtifact('firefox'), addonId: STORE_GECKO_ID });
  const site = await startPageServer();
  try {
    const page = await extension.context.newPage();
    await page.goto(`${site.origin}/blank.html`);
    await page.waitForFunction(() => 'gridWallet' in window, undefined, { timeout: 15_000 });
    const connecting = walletCall(page, 'wallet_connect');
    await press(await extension.approvalWindow(), 'Approve');
    expect(resultOf(await connecting)).toMatchObject({ origin: site.origin });
  } finally {
    await site.close();
    await extension.close();
  }
});

test("Firefox: the packaged xpi has the store add-on id and no trace of the emulator's enclave key", async () => {
  const dir = await unpackStoreArtifact('firefox');
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.browser_specific_settings.gecko.id).toBe(STORE_GECKO_ID);
    expect(await filesContaining(dir, emulatorEnclaveKeySpellings())).toEqual([]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Firefox: development builds (what the tests and the Playwright kit load) have an add-on id of their own', async () => {
  const manifest = JSON.parse(await readFile(join(import.meta.dirname, '..', '..', 'dist', 'firefox', 'manifest.json'), 'utf8'));
  expect(manifest.browser_specific_settings.gecko.id).toBe(DEVELOPMENT_GECKO_ID);
  expect(DEVELOPMENT_GECKO_ID).not.toBe(STORE_GECKO_ID);
});
