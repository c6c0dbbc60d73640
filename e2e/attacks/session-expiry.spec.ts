import { walletCall } from '../support/extension.ts';
import { ACCOUNT_ID, connect, expectError, resultOf } from '../support/wallet.ts';
import { test, expect } from '../support/approvals.ts';

/** Prompt integrity (docs/security-model.md §3.10): a page must not keep a session key for ever by claiming a far `expiresAt`. */

test('grid_openSession refuses expiresAt more than 24 hours ahead (-32602 naming expiresAt); 24 hours is fine', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  for (const expiresAt of ['9999-12-31T23:59:59Z', new Date(Date.now() + 25 * 3_600_000).toISOString()]) {
    const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
    const error = expectError(
      await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt }),
      -32602,
    );
    expect(error.data).toEqual({ field: 'params.expiresAt' });
    expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([]);
  }
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const expiresAt = new Date(Date.now() + 24 * 3_600_000 - 60_000).toISOString();
  expect(
    resultOf(await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt }))
      .expiresAt,
  ).toBe(expiresAt);
});
