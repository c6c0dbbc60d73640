import type { Page } from '@playwright/test';
import { walletCall } from '../support/extension.ts';
import { ACCOUNT_ID, connect, inMinutes, resultOf } from '../support/wallet.ts';
import { expect, openSite, openToolbar, test } from '../support/approvals.ts';

/**
 * The toolbar's activity list is how a customer checks what their sites did. One
 * site must not be able to bury the others: 50 junk entries from one site pushed every
 * real entry out of the list. Here the junk needs no prompt at all (sessions the page
 * opens with its own client keys and ends again); the list stays readable per site.
 */

/** In the page, as its script would: `rounds` sessions opened and ended at once, two log entries each. */
function churnSessions(page: Page, rounds: number, accountId: string, expiresAt: string) {
  return page.evaluate(
    async ({ rounds, accountId, expiresAt }) => {
      const request = (method: string, params?: unknown) => (window as any).gridWallet.request({ method, params });
      for (let n = 0; n < rounds; n++) {
        const { clientKeyId } = await request('grid_createClientKey');
        const { sessionId } = await request('grid_openSession', { clientKeyId, accountId, expiresAt, nickname: `junk ${n}` });
        await request('grid_endSession', { sessionId });
      }
    },
    { rounds, accountId, expiresAt },
  );
}

test("one site's flood of entries leaves another site's entries in the toolbar's activity list; the list filters by site", async ({
  extension,
  page,
  site,
}) => {
  await connect(extension, page);
  const { clientKeyId } = resultOf(await walletCall(page, 'grid_createClientKey'));
  resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30), nickname: 'Real account' }),
  );
  const junk = await openSite(extension, site.otherOrigin);
  await connect(extension, junk);
  await churnSessions(junk, 60, ACCOUNT_ID, inMinutes(30));

  const toolbar = await openToolbar(extension);
  const activity = toolbar.getByRole('region', { name: 'Recent activity' });
  await expect(activity.getByRole('listitem').filter({ hasText: 'Signed in as Real account' })).toBeVisible();
  await expect(activity.getByRole('listitem').filter({ hasText: 'Signed in as junk 59' })).toBeVisible();

  // Filtered to the real site: only its entries, all of them.
  await activity.getByLabel('Site').selectOption({ label: `localhost:${site.port}` });
  const entries = activity.getByRole('listitem');
  await expect(entries).toHaveText([/Signed in as Real account/, /Connected/]);
  await junk.close();
});
