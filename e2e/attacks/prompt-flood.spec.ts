import { walletCall } from '../support/extension.ts';
import { connect, expectError } from '../support/wallet.ts';
import { ask, expect, openSite, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { pendingApprovals, plainOtp } from './lesserSupport.ts';

/**
 * Prompt integrity (docs/security-model.md §3.10): one site must not flood the queue (300 × 60 KB overflowed
 * storage.session) nor make the user reject other sites' requests to get rid of its own.
 */

const OTP_TITLE = 'Enter your sign-in code';
const PER_SITE_LIMIT = 10;

test('a site may keep 10 prompts waiting; the 11th answers -32002 at once and is not queued', async ({
  extension,
  extensionPage,
  page,
}) => {
  await connect(extension, page);
  const waiting = Array.from({ length: PER_SITE_LIMIT }, (_, i) => ask(page, 'grid_collectOtp', plainOtp(i + 1)));
  const prompt = await promptPage(extension, OTP_TITLE);
  await expect(prompt.getByText(`1 of ${PER_SITE_LIMIT}`)).toBeVisible();

  const extra = await answerOrPrompt(extension, walletCall(page, 'grid_collectOtp', plainOtp(99)), PER_SITE_LIMIT);
  expect(extra).not.toBe('pending');
  const error = expectError(extra as Exclude<typeof extra, 'pending'>, -32002);
  expect(error.message).toMatch(/10 requests/);
  expect(await pendingApprovals(extensionPage)).toHaveLength(PER_SITE_LIMIT);
  void waiting; // rejected by the fixture's clean-up
});

test('"Reject all from this site" rejects that site\'s prompts only; the other site\'s request still waits', async ({
  extension,
  extensionPage,
  page,
  site,
}) => {
  await connect(extension, page);
  const mine = [ask(page, 'grid_collectOtp', plainOtp(1)), ask(page, 'grid_collectOtp', plainOtp(2))];
  const prompt = await promptPage(extension, OTP_TITLE);
  const other = await openSite(extension, site.otherOrigin);
  const theirs = ask(other, 'wallet_connect');
  await expect(prompt.getByText('1 of 3')).toBeVisible();

  await prompt.getByRole('button', { name: 'Reject all from this site', exact: true }).click();
  for (const reply of mine) expectError(await reply, 4001);
  await expect(prompt.getByRole('heading', { level: 1 })).toHaveText('Connect this site to your wallet?');
  expect((await pendingApprovals(extensionPage)).map((a) => a.origin)).toEqual([site.otherOrigin]);
  expect(await answerOrPrompt(extension, theirs)).toBe('pending');
  await other.close();
});
