import { walletCall } from '../support/extension.ts';
import { connect, expectError, resultOf } from '../support/wallet.ts';
import {
  addSession,
  approvalWindowState,
  ask,
  askAndLeave,
  expect,
  expectWindowClosed,
  internalCall,
  minimiseApprovalWindow,
  openSession,
  openSite,
  press,
  pressKey,
  promptPage,
  test,
} from '../support/approvals.ts';
import { END_SESSION, PAYMENT, PAYMENT_TITLE } from './payloads.ts';

/** The approval window and its queue (docs/architecture.md §5): answers, closing, timeouts, duplicates, tabs, restarts, keyboard. */

const CONNECT_TITLE = 'Connect this site to your wallet?';

test('Approve answers the page, which is named in the prompt; the window closes when nothing is left', async ({
  extension,
  page,
  site,
}) => {
  const reply = ask(page, 'wallet_connect');
  const prompt = await promptPage(extension, CONNECT_TITLE);
  const who = prompt.getByRole('region', { name: 'Request from' });
  await expect(who).toContainText(`http://localhost:${site.port}`);
  await expect(who).toContainText('Running on this computer');
  await expect(prompt).toHaveTitle(`Request from localhost:${site.port} · Grid Wallet`);
  await press(prompt, 'Approve');
  expect(resultOf(await reply)).toEqual({ origin: site.origin, version: '1.0.0' });
  await expectWindowClosed(extension);
});

test('Reject answers 4001 and nothing is granted', async ({ extension, page }) => {
  const reply = ask(page, 'wallet_connect');
  await press(await promptPage(extension, CONNECT_TITLE), 'Reject');
  expectError(await reply, 4001);
  expect(resultOf(await walletCall(page, 'wallet_status')).connected).toBe(false);
  await expectWindowClosed(extension);
});

test('closing the window rejects everything pending with 4001', async ({ extension, page, site }) => {
  const other = await openSite(extension, site.otherOrigin);
  const replies = [ask(page, 'wallet_connect'), ask(other, 'wallet_connect')];
  const prompt = await promptPage(extension, CONNECT_TITLE);
  await expect(prompt.getByRole('status').filter({ hasText: 'of' })).toHaveText('1 of 2');
  await prompt.close();
  for (const reply of replies) expectError(await reply, 4001);
  await other.close();
});

test('an unanswered prompt times out with 4408 and the window closes', async ({ extension, page }) => {
  const worker = await extension.serviceWorker();
  await worker.evaluate(() => chrome.storage.local.set({ approvalTimeoutMs: 1500 }));
  try {
    const reply = ask(page, 'wallet_connect');
    await promptPage(extension, CONNECT_TITLE);
    expectError(await reply, 4408);
    await expectWindowClosed(extension);
  } finally {
    await worker.evaluate(() => chrome.storage.local.remove('approvalTimeoutMs'));
  }
});

test('an identical request while one waits answers -32002; a different one queues behind it', async ({ extension, page }) => {
  await connect(extension, page);
  const otp = { credentialId: 'AuthMethod:019542f5-0000-0000-0000-000000000001', channel: 'EMAIL', length: 6 };
  const first = ask(page, 'grid_collectOtp', otp);
  const prompt = await promptPage(extension, 'Enter your sign-in code');
  expectError(await walletCall(page, 'grid_collectOtp', otp), -32002);
  const second = ask(page, 'grid_collectOtp', { ...otp, credentialId: 'AuthMethod:019542f5-0000-0000-0000-000000000002' });
  await expect(prompt.getByText('1 of 2')).toBeVisible();
  await press(prompt, 'Reject all');
  expectError(await first, 4001);
  expectError(await second, 4001);
});

test('three requests from two tabs: "1 of 3", answered oldest first, then Reject all', async ({ extension, page, site }) => {
  const session = await openSession(extension, page);
  const payment = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  const endSession = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: END_SESSION });
  const other = await openSite(extension, site.otherOrigin);
  const otherConnect = ask(other, 'wallet_connect');
  await expect(prompt.getByText('1 of 3')).toBeVisible();

  await press(prompt, 'Approve');
  expect(resultOf(await payment).publicKey).toBe(session.publicKey);
  await expect(prompt.getByRole('heading', { level: 1 })).toHaveText('Sign out a session');
  await expect(prompt.getByText('1 of 2')).toBeVisible();

  await press(prompt, 'Reject all');
  expectError(await endSession, 4001);
  expectError(await otherConnect, 4001);
  await expectWindowClosed(extension);
  await other.close();
});

test('a new request brings a minimised window back (a prompt never waits out of sight)', async ({ extension, page, site }) => {
  const first = ask(page, 'wallet_connect');
  const prompt = await promptPage(extension, CONNECT_TITLE);
  await minimiseApprovalWindow(extension);
  const other = await openSite(extension, site.otherOrigin);
  const second = ask(other, 'wallet_connect');
  await expect.poll(() => approvalWindowState(extension)).toBe('normal');
  await expect(prompt.getByText('1 of 2')).toBeVisible();
  await press(prompt, 'Reject all');
  expectError(await first, 4001);
  expectError(await second, 4001);
  await other.close();
});

test('a tab closed while waiting takes its request out of the queue', async ({ extension, page, site }) => {
  const other = await openSite(extension, site.otherOrigin);
  askAndLeave(other, 'wallet_connect'); // never answered: its tab goes away
  const prompt = await promptPage(extension, CONNECT_TITLE);
  const mine = ask(page, 'wallet_connect');
  await expect(prompt.getByText('1 of 2')).toBeVisible();
  await expect(prompt.getByRole('region', { name: 'Request from' })).toContainText('127.0.0.1');

  await other.close();
  await expect(prompt.getByRole('region', { name: 'Request from' })).toContainText(`localhost:${site.port}`);
  await expect(prompt.getByText('1 of 2')).toBeHidden();
  await press(prompt, 'Approve');
  expect(resultOf(await mine).origin).toBe(site.origin);
});

test('a tab that navigates away takes its request out of the queue', async ({ extension, extensionPage, page, site }) => {
  const gone = ask(page, 'wallet_connect').catch(() => 'navigated');
  await promptPage(extension, CONNECT_TITLE);
  await page.goto(`${site.origin}/blank.html?next`);
  expect(await gone).toBe('navigated');
  await expectWindowClosed(extension);
  expect(await internalCall(extensionPage, 'approvals/list')).toEqual({ result: [] });
});

test('the service worker stops while a prompt is open: the prompt survives and approving still answers the page', async ({
  extension,
  page,
  site,
}) => {
  const reply = ask(page, 'wallet_connect');
  const prompt = await promptPage(extension, CONNECT_TITLE);
  await extension.stopServiceWorker();
  await prompt.reload(); // reads the queue from the restarted worker
  await expect(prompt.getByRole('heading', { level: 1 })).toHaveText(CONNECT_TITLE);
  await press(prompt, 'Approve');
  expect(resultOf(await reply).origin).toBe(site.origin);
});

test('keyboard only: focus starts on the heading, Tab then Enter approves, Tab reaches everything, Escape rejects', async ({
  extension,
  page,
  site,
}) => {
  const connectReply = ask(page, 'wallet_connect');
  const prompt = await promptPage(extension, CONNECT_TITLE);
  await expect(prompt.getByRole('heading', { level: 1 })).toBeFocused();
  const approve = prompt.getByRole('button', { name: 'Approve', exact: true });
  await expect(approve).toBeEnabled();
  await prompt.keyboard.press('Tab');
  await expect(prompt.getByRole('button', { name: 'Reject', exact: true })).toBeFocused();
  await prompt.keyboard.press('Tab');
  await expect(approve).toBeFocused();
  await pressKey(prompt, 'Enter');
  expect(resultOf(await connectReply).origin).toBe(site.origin);

  const session = await addSession(page);
  const sign = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const signPrompt = await promptPage(extension, PAYMENT_TITLE);
  await expect(signPrompt.getByRole('heading', { level: 1 })).toBeFocused();
  // Forward from the top: the raw payload's disclosure opens with Enter.
  const disclosure = signPrompt.getByText('Show exactly what will be signed');
  await disclosure.focus();
  await signPrompt.keyboard.press('Enter');
  await expect(signPrompt.locator('.raw__text')).toHaveText(PAYMENT);
  await signPrompt.keyboard.press('Tab');
  await expect(signPrompt.locator('.raw__text')).toBeFocused();
  await signPrompt.keyboard.press('Tab');
  await expect(signPrompt.getByRole('radio', { name: 'Ask me every time' })).toBeFocused();
  await pressKey(signPrompt, 'Escape');
  expectError(await sign, 4001);
});
