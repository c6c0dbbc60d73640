import { test as base, chromium, expect } from '@playwright/test';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { launchOptions, walletCall } from './support/extension.ts';
import { press } from './support/approvals.ts';
import { startPageServer } from './support/pageServer.ts';
import { unpackStoreArtifact } from './support/storePackages.ts';
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
