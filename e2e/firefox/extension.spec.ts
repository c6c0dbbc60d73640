import { verifyGridStamp } from '../../test-support/independent.ts';
import { walletCall } from '../support/extension.ts';
import { press } from '../support/approvals.ts';
import { expect, openFirefoxExtension, test } from '../support/firefox.ts';
import { ACCOUNT_ID, expectError, inMinutes, openSealedSession, resultOf } from '../support/wallet.ts';

/** The Firefox build: event-page background, storage.session, CryptoKeys in IndexedDB, MAIN-world provider. */

test('Firefox: connect, open a legacy session, approved stamp verifies independently', async ({ extension, page, site }) => {
  expect(resultOf(await walletCall(page, 'wallet_status'))).toEqual({ connected: false, version: '1.0.0' });
  const connecting = walletCall(page, 'wallet_connect');
  await press(await extension.approvalWindow(), 'Approve');
  expect(resultOf(await connecting)).toEqual({ origin: site.origin, version: '1.0.0' });

  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const { grid, session } = await openSealedSession(page, clientKey);
  expect(session.publicKey).toBe(grid.publicKeyHex);

  const payload = '{"type":"ACTIVITY_TYPE_DELETE_API_KEYS"}';
  const signing = walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: payload });
  await press(await extension.approvalWindow(), 'Approve');
  const signed = resultOf(await signing);
  expect((await verifyGridStamp(signed.signature, payload)).publicKey).toBe(grid.publicKeyHex);
  expectError(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
    4404,
  );
});

test("Firefox: the kit's firefoxUserPrefs reach Firefox", async () => {
  // The bench suspends the idle event page after 1 s this way; a page's user agent is a preference one can read.
  const extension = await openFirefoxExtension(undefined, { 'general.useragent.override': 'GridWalletKitTest/1.0' });
  try {
    const page = await extension.context.newPage();
    expect(await page.evaluate(() => navigator.userAgent)).toBe('GridWalletKitTest/1.0');
  } finally {
    await extension.close();
  }
});
