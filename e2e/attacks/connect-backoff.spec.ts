import { walletCall } from '../support/extension.ts';
import { expectError } from '../support/wallet.ts';
import { ask, expect, openToolbar, press, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { pendingApprovals } from './lesserSupport.ts';

/** Issue 9 §5: a rejected site must not reopen the connect prompt at once, forever. */

const CONNECT_TITLE = 'Connect this site to your wallet?';

test('after a rejected connect, wallet_connect answers 4001 without a prompt, also after the worker restarts', async ({
  extension,
  extensionPage,
  page,
}) => {
  const first = ask(page, 'wallet_connect');
  await press(await promptPage(extension, CONNECT_TITLE), 'Reject');
  expectError(await first, 4001);

  const again = await answerOrPrompt(extension, walletCall(page, 'wallet_connect'));
  expect(again, 'the connect prompt reopened').not.toBe('pending');
  expectError(again as Exclude<typeof again, 'pending'>, 4001);
  expect(await pendingApprovals(extensionPage)).toEqual([]);

  await extension.stopServiceWorker();
  const afterRestart = await answerOrPrompt(extension, walletCall(page, 'wallet_connect'));
  expect(afterRestart, 'the connect prompt reopened after a worker restart').not.toBe('pending');
  expectError(afterRestart as Exclude<typeof afterRestart, 'pending'>, 4001);
  expect(await pendingApprovals(extensionPage)).toEqual([]);
});

test('the toolbar lists the paused site; "Allow again" lets it ask at once', async ({ extension, page, site }) => {
  const first = ask(page, 'wallet_connect');
  await press(await promptPage(extension, CONNECT_TITLE), 'Reject');
  expectError(await first, 4001);

  const toolbar = await openToolbar(extension);
  const paused = toolbar.getByRole('region', { name: 'Paused after you said no' });
  await expect(paused).toContainText(`localhost:${site.port}`);
  await paused.getByRole('button', { name: `Let localhost:${site.port} ask to connect again` }).click();
  await expect(paused.getByText(`localhost:${site.port}`)).toBeHidden();
  const again = ask(page, 'wallet_connect');
  await press(await promptPage(extension, CONNECT_TITLE), 'Approve');
  expect(await again).toHaveProperty('result.origin', site.origin);
  await toolbar.close();
});
