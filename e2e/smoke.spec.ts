import { expect, test, walletCall } from './support/extension.ts';

test('connect after approval', async ({ page, extension, site }) => {
  const pending = walletCall(page, 'wallet_connect');
  const approval = await extension.approvalWindow();
  await approval.getByRole('button', { name: 'Approve' }).click();
  expect(await pending).toEqual({ result: { origin: site.origin, version: '1.0.0' } });
  const key = await walletCall(page, 'grid_createClientKey');
  console.log(key);
});
