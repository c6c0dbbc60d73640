import { refreshTo } from '../attacks/payloads.ts';
import { pageMadeKey } from '../attacks/fromPage.ts';
import { press } from '../support/approvals.ts';
import { walletCall } from '../support/extension.ts';
import { expect, test } from '../support/firefox.ts';
import { ACCOUNT_ID, expectError, inMinutes, resultOf } from '../support/wallet.ts';

/**
 * Firefox's event page loads the curve code on first use (docs/architecture.md §3), the signing policy's held-key
 * test with it. A connected page attacks it: a session refresh to a key the page made must still be refused
 * without a prompt, and one to a key the extension made (named in another form) must still ask.
 */
test('Firefox: a refresh to a key the page made is refused (4100) without a prompt; to a key the extension made it asks', async ({
  extension,
  page,
}) => {
  const connecting = walletCall(page, 'wallet_connect');
  await press(await extension.approvalWindow(), 'Approve');
  resultOf(await connecting);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const session = resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(15) }),
  );

  const toPageKey = await walletCall(page, 'grid_signPayload', {
    sessionId: session.sessionId,
    payloadToSign: refreshTo(await pageMadeKey(page)),
  });
  expect(toPageKey).toMatchObject({ error: { code: 4100, data: { field: 'params.payloadToSign', reason: 'key_not_held' } } });
  // Answered with nothing pressed: no prompt waited for the customer, and no stamp was made.

  // Our own unused client key, named uncompressed and in upper case: held, so the customer is asked.
  const ours = resultOf(await walletCall(page, 'grid_createClientKey'));
  const toOurKey = walletCall(page, 'grid_signPayload', {
    sessionId: session.sessionId,
    payloadToSign: refreshTo(ours.publicKey.toUpperCase()),
  });
  await press(await extension.approvalWindow(), 'Reject');
  expectError(await toOurKey, 4001);
});
