import { walletCall } from '../support/extension.ts';
import { expectError } from '../support/wallet.ts';
import { ask, askAndLeave, expect, expectWindowClosed, openToolbar, press, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { connect } from '../support/wallet.ts';
import { pendingApprovals, plainOtp } from './lesserSupport.ts';

/**
 * A site the customer turned down, or whose page keeps leaving its prompts (a reload
 * loop), must not reopen a prompt at once, forever (docs/security-model.md §3.10).
 */

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
  const paused = toolbar.getByRole('region', { name: 'Paused from asking' });
  await expect(paused).toContainText(`localhost:${site.port}`);
  await paused.getByRole('button', { name: `Let localhost:${site.port} ask again` }).click();
  await expect(paused.getByText(`localhost:${site.port}`)).toBeHidden();
  const again = ask(page, 'wallet_connect');
  await press(await promptPage(extension, CONNECT_TITLE), 'Approve');
  expect(await again).toHaveProperty('result.origin', site.origin);
  await toolbar.close();
});

test('a page that reloads and asks again, in a loop, is paused: 4001 without a prompt, for every kind', async ({
  extension,
  extensionPage,
  page,
  site,
}) => {
  await connect(extension, page);
  for (const round of [1, 2]) {
    askAndLeave(page, 'grid_collectOtp', plainOtp(round));
    await promptPage(extension, 'Enter your sign-in code');
    await page.reload();
    await page.waitForFunction(() => 'gridWallet' in window);
    await expectWindowClosed(extension); // the prompt went with the page
  }

  for (const [method, params] of [
    ['grid_collectOtp', plainOtp(3)],
    ['grid_getPasskeyAssertion', { credentialId: 'AAAAAAAAAAAAAAAAAAAAAA', challenge: 'ab'.repeat(32) }],
  ] as const) {
    const asked = await answerOrPrompt(extension, walletCall(page, method, params));
    expect(asked, `${method} opened a prompt`).not.toBe('pending');
    expect(expectError(asked as Exclude<typeof asked, 'pending'>, 4001).message).toMatch(/recently/);
  }
  expect(await pendingApprovals(extensionPage)).toEqual([]);

  const toolbar = await openToolbar(extension);
  await expect(toolbar.getByRole('region', { name: 'Paused from asking' })).toContainText(`localhost:${site.port}`);
  await toolbar.close();
});
