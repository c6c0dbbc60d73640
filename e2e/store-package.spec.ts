import { test as base, expect } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchWithWallet, TOOLBAR_PATH, WalletPrompts } from '../packages/playwright/src/index.ts';
import { walletCall } from './support/extension.ts';
import { internalCall } from './support/approvals.ts';
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
  const { context, extensionOrigin } = await launchWithWallet({ extensionDir: dir });
  try {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.key).toBeUndefined();
    const page = await context.newPage();
    await page.goto(`${site.origin}/blank.html`);
    await page.waitForFunction(() => 'gridWallet' in window, undefined, { timeout: 15_000 });
    expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: false });

    const connecting = walletCall(page, 'wallet_connect');
    await new WalletPrompts(context, 'chromium', extensionOrigin).approve();
    expect(resultOf(await connecting)).toMatchObject({ origin: site.origin });
  } finally {
    await context.close();
    await site.close();
  }
});

test("the packaged Chrome zip carries no trace of the emulator's enclave key, and its toolbar offers no switch to trust it", async () => {
  const dir = await unpackStoreArtifact('chrome');
  const { context, extensionOrigin } = await launchWithWallet({ extensionDir: dir });
  try {
    expect(await filesContaining(dir, emulatorEnclaveKeySpellings())).toEqual([]);
    const toolbar = await context.newPage();
    await toolbar.goto(`${extensionOrigin}${TOOLBAR_PATH}`);
    await expect(toolbar.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect(toolbar.getByText('Trust the local Grid emulator')).toHaveCount(0);
    // Nor can the extension's own pages turn it on: the setting does not exist in this build.
    const refused = await internalCall(toolbar, 'settings/set', { trustLocalGridEmulator: true });
    expect(refused.error).toMatchObject({ code: -32602, message: expect.stringContaining('is not a setting in this build') });
  } finally {
    await context.close();
    await rm(dir, { recursive: true, force: true });
  }
});
