import type { Page } from '@playwright/test';
import { walletCall } from '../support/extension.ts';
import { ACCOUNT_ID, connect, expectError, inMinutes, resultOf } from '../support/wallet.ts';
import { expect, openSite, test } from '../support/approvals.ts';

/**
 * Key creation needs no prompt, so a page could make thousands of client keys
 * (4,000 slowed another site's wallet_status twentyfold). A site may hold 32 unused
 * client keys and 4 unused export keys; a used key (its session made) no longer
 * counts, and one site's keys leave every other site's allowance alone.
 */

/** In the page, as its script would: asks for keys until refused; returns how many it got and the refusal. */
function makeKeysUntilRefused(page: Page, method: 'grid_createClientKey' | 'grid_createExportKey') {
  return page.evaluate(async (method) => {
    const ids: string[] = [];
    for (let n = 0; n < 200; n++) {
      try {
        const key = await (window as any).gridWallet.request({ method });
        ids.push(key.clientKeyId ?? key.exportKeyId);
      } catch (error: any) {
        return { ids, error: { code: error.code, message: error.message, data: error.data } };
      }
    }
    return { ids, error: null };
  }, method);
}

test('a page making keys without a prompt is refused past 32 unused client keys and 4 export keys; another site is untouched', async ({
  extension,
  page,
  site,
}) => {
  await connect(extension, page);
  const other = await openSite(extension, site.otherOrigin);
  await connect(extension, other);

  const clientKeys = await makeKeysUntilRefused(page, 'grid_createClientKey');
  expect(clientKeys.ids).toHaveLength(32);
  const refusal = expectError({ error: clientKeys.error! }, -32002);
  expect(refusal.message).toMatch(/already holds 32 unused client keys, the most it may; use one, or wait until they expire/);
  expect(refusal.data).toEqual({ reason: 'too_many_unused_keys', limit: 32 });

  const exportKeys = await makeKeysUntilRefused(page, 'grid_createExportKey');
  expect(exportKeys.ids).toHaveLength(4);
  expect(expectError({ error: exportKeys.error! }, -32002).message).toMatch(/already holds 4 unused export keys/);

  // A key that became a session no longer counts: exactly one more.
  resultOf(await walletCall(page, 'grid_openSession', { clientKeyId: clientKeys.ids[0], accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }));
  resultOf(await walletCall(page, 'grid_createClientKey'));
  expectError(await walletCall(page, 'grid_createClientKey'), -32002);

  // The other site: its status answers and its own allowance is whole.
  expect(resultOf(await walletCall(other, 'wallet_status'))).toMatchObject({ connected: true, sessions: [] });
  expect((await makeKeysUntilRefused(other, 'grid_createClientKey')).ids).toHaveLength(32);
  await other.close();
});
