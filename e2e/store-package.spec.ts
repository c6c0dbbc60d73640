import { test as base, chromium, expect } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchOptions, walletCall } from './support/extension.ts';
import { press } from './support/approvals.ts';
import { startPageServer } from './support/pageServer.ts';
import { emulatorEnclaveKeySpellings, filesContaining, unpackStoreArtifact } from './support/storePackages.ts';
import { resultOf } from './support/wallet.ts';

/** The Chrome artifact of `npm run package`, unpacked as the store would, loads and answers a page. */

const test = base.extend<{ unpacked: string }>({
  // A fixture: its teardown runs whether the test passes, fails or times out.
  unpacked: async ({}, use) => {
    const dir = await unpackStoreArtifact('chrome');
    await use(dir);
    await rm(dir, { recursive: true, force: true });
  },
});

test('the packaged Chrome zip loads: no manifest key, a page connects through it', async ({ unpacked: dir }) => {
  const site = await startPageServer();
  const context = await chromium.launchPersistentContext('', launchOptions(dir));
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.key).toBeUndefined();
    const page = await context.newPage();
    await page.goto(`${site.origin}/blank.html`);
    await page.waitForFunction(() => 'gridWallet' in window, undefined, { timeout: 15_000 });
    expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: false });

    const connecting = walletCall(page, 'wallet_connect');
    const approval = await context.waitForEvent('page', { predicate: (p) => p.url().endsWith('/src/popup/approval.html') });
    await press(approval, 'Approve');
    expect(resultOf(await connecting)).toMatchObject({ origin: site.origin });
  } finally {
    await context.close();
    await site.close();
  }
});

test("the packaged Chrome zip carries no trace of the emulator's enclave key, and its toolbar offers no switch to trust it", async () => {
  const dir = await unpackStoreArtifact('chrome');
  const context = await chromium.launchPersistentContext('', launchOptions(dir));
  try {
    expect(await filesContaining(dir, emulatorEnclaveKeySpellings())).toEqual([]);
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const toolbar = await context.newPage();
    await toolbar.goto(new URL('/src/popup/popup.html', worker.url()).href);
    await expect(toolbar.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(toolbar.getByText('Trust the local Grid emulator')).toHaveCount(0);
    // Nor can the extension's own pages turn it on: the setting does not exist in this build.
    const refused = await toolbar.evaluate(() =>
      chrome.runtime.sendMessage({ kind: 'internal', action: 'settings/set', params: { trustLocalGridEmulator: true } }),
    );
    expect(refused.error).toMatchObject({ code: -32602, message: expect.stringContaining('is not a setting in this build') });
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
