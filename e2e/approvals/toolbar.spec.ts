import { walletCall } from '../support/extension.ts';
import { connect, expectError, resultOf } from '../support/wallet.ts';
import {
  APPROVAL_PAGE,
  approvalWindowState,
  ask,
  expect,
  minimiseApprovalWindow,
  openSession,
  openToolbar,
  press,
  promptPage,
  SESSION,
  test,
} from '../support/approvals.ts';
import { PAYMENT, PAYMENT_TITLE } from './payloads.ts';

/** The toolbar popup: connected sites, their sessions and grants, recent activity, and what is waiting. */

test('a connected site lists its session with time left; End ends it and Disconnect forgets the site', async ({
  extension,
  page,
  site,
}) => {
  const session = await openSession(extension, page);
  const toolbar = await openToolbar(extension);
  const card = toolbar.getByRole('article', { name: `http://localhost:${site.port}` });
  const sessionName = `Email code · ${SESSION.nickname}`;
  const sessionItem = card.getByRole('listitem').filter({ hasText: sessionName });
  await expect(sessionItem).toContainText(/1[45] min left/);
  await expect(sessionItem).toContainText('InternalAccount:0195…0002');

  await card.getByRole('button', { name: `End session ${sessionName}` }).click();
  await expect(card.getByText('No active sessions')).toBeVisible();
  expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([]);
  expectError(await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT }), 4404);

  await card.getByRole('button', { name: `Disconnect localhost:${site.port}` }).click();
  await expect(card).toBeHidden();
  expect(resultOf(await walletCall(page, 'wallet_status')).connected).toBe(false);
  await toolbar.close();
});

test('recent activity says what was signed, for which site, when, and how it was agreed', async ({ extension, page, site }) => {
  const session = await openSession(extension, page);
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  await press(await promptPage(extension, PAYMENT_TITLE), 'Approve');
  resultOf(await reply);

  const toolbar = await openToolbar(extension);
  const entries = toolbar.getByRole('region', { name: 'Recent activity' }).getByRole('listitem');
  await expect(entries.first()).toContainText(PAYMENT_TITLE);
  await expect(entries.first()).toContainText(`localhost:${site.port} · just now · you approved`);
  await expect(entries.first().locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(entries.nth(1)).toContainText(`Signed in as ${SESSION.nickname}`);
  await expect(entries.nth(2)).toContainText('Connected');
  await toolbar.close();
});

test('waiting requests are listed; Open brings the one window back instead of opening another; the list empties when answered', async ({
  extension,
  page,
  site,
}) => {
  await connect(extension, page);
  const reply = ask(page, 'grid_collectOtp', { credentialId: 'AuthMethod:019542f5-0000-0000-0000-000000000001', channel: 'EMAIL' });
  const prompt = await promptPage(extension, 'Enter your sign-in code');
  const toolbar = await openToolbar(extension);
  const pending = toolbar.getByRole('region', { name: 'Waiting for you (1)' });
  await expect(pending).toContainText('Sign-in code');
  await expect(pending).toContainText(`localhost:${site.port}`);

  // Lost behind other windows: minimised here, which headless Chromium can report.
  await minimiseApprovalWindow(extension);
  await pending.getByRole('button', { name: 'Open' }).click();
  await expect.poll(() => approvalWindowState(extension)).toBe('normal');
  expect(extension.context.pages().filter((p) => p.url().startsWith(APPROVAL_PAGE))).toHaveLength(1);

  await press(prompt, 'Reject');
  expectError(await reply, 4001);
  await expect(pending).toBeHidden();
  await toolbar.close();
});
