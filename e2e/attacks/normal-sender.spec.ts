import { walletCall } from '../support/extension.ts';
import { connect, resultOf } from '../support/wallet.ts';
import { expect, openSite, test } from '../support/approvals.ts';

/** Knowing who asks (docs/security-model.md §3.2): the stricter sender rule (the browser's own origin, the manifest's patterns) still lets a normal page in. */

test('pages on http://localhost and http://127.0.0.1 (any port) reach the wallet and connect', async ({ extension, page, site }) => {
  await connect(extension, page);
  expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: true });
  const other = await openSite(extension, site.otherOrigin);
  expect(resultOf(await walletCall(other, 'wallet_status'))).toMatchObject({ connected: false });
  await other.close();
});
