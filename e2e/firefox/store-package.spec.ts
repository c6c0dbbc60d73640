import { expect, test } from '@playwright/test';
import { walletCall } from '../support/extension.ts';
import { press } from '../support/approvals.ts';
import { openFirefoxExtension } from '../support/firefox.ts';
import { startPageServer } from '../support/pageServer.ts';
import { storeArtifact } from '../support/storePackages.ts';
import { resultOf } from '../support/wallet.ts';

/** The Firefox artifact of `npm run package`, installed as it is, loads and answers a page. */

test('Firefox: the packaged xpi loads and a page connects through it', async () => {
  const extension = await openFirefoxExtension(storeArtifact('firefox'));
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
