import { openExtension, walletCall } from '../support/extension.ts';
import { ACCOUNT_ID, connect, expectError, inMinutes, resultOf } from '../support/wallet.ts';
import {
  approveWithGrant,
  ask,
  askAndLeave,
  expect,
  internalCall,
  openSession,
  openSite,
  openToolbar,
  promptPage,
  screenshotThemes,
  test,
} from '../support/approvals.ts';
import { exportWalletTo, PAYMENT, PAYMENT_DISPLAY, PAYMENT_TITLE, paymentNumber } from './payloads.ts';

/**
 * One screenshot of each screen, light and dark (see screenshotThemes for where
 * they go), and what each screen must show, asserted by role and text: the site
 * asking, the title, the decision buttons. Long sign prompts are shot taller than
 * the window so they show whole.
 */

/** What every prompt shows: which site asks (scheme, host and port), and its two decisions. */
async function expectPromptBasics(prompt: import('@playwright/test').Page, origin: string): Promise<void> {
  const { hostname, port } = new URL(origin);
  await expect(prompt.locator('.origin--large .origin__name')).toHaveText(`http://${hostname}:${port}`);
  await expect(prompt.getByRole('button', { name: 'Reject', exact: true })).toBeVisible();
}

test('connect', async ({ extension, page, site }) => {
  askAndLeave(page, 'wallet_connect');
  const prompt = await promptPage(extension, 'Connect this site to your wallet?');
  await expectPromptBasics(prompt, site.origin);
  await expect(prompt.getByRole('heading', { level: 1 })).toBeFocused();
  await screenshotThemes(prompt, 'connect');
});

test('sign: a payment, with the site\'s summary and "don\'t ask again"', async ({ extension, page, site }) => {
  const session = await openSession(extension, page);
  askAndLeave(page, 'grid_signPayload', {
    sessionId: session.sessionId,
    payloadToSign: PAYMENT,
    summary: 'Pay Acme Coffee Roasters for order #1042',
    display: PAYMENT_DISPLAY,
  });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  await expectPromptBasics(prompt, site.origin);
  await expect(prompt.getByText('Pay Acme Coffee Roasters for order #1042')).toBeVisible();
  await expect(prompt.getByRole('radio', { name: "Don't ask again for 1 hour" })).toBeVisible();
  await screenshotThemes(prompt, 'sign-activity', 900);
});

test('sign: exporting the wallet, with its warning', async ({ extension, page, site }) => {
  const session = await openSession(extension, page);
  const exportKey = resultOf(await walletCall(page, 'grid_createExportKey'));
  askAndLeave(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: exportWalletTo(exportKey.publicKey) });
  const prompt = await promptPage(extension, 'Export your wallet');
  await expectPromptBasics(prompt, site.origin);
  await expect(prompt.getByText(/recovery phrase/)).toBeVisible();
  await expect(prompt.getByRole('radio', { name: "Don't ask again for 1 hour" })).toHaveCount(0);
  await screenshotThemes(prompt, 'sign-warning', 660);
});

test('otp', async ({ extension, page, site }) => {
  await connect(extension, page);
  askAndLeave(page, 'grid_collectOtp', {
    credentialId: 'AuthMethod:1',
    channel: 'EMAIL',
    destination: 'jane@example.com',
    length: 6,
    expiresAt: inMinutes(5),
  });
  const prompt = await promptPage(extension, 'Enter your sign-in code');
  await expectPromptBasics(prompt, site.origin);
  await expect(prompt.getByText('j•••@example.com')).toBeVisible();
  await prompt.getByLabel('One-time code').pressSequentially('4839');
  await expect(prompt.getByLabel('One-time code')).toHaveValue('4839');
  await expect(prompt.getByRole('button', { name: 'Resend code', exact: true })).toBeVisible();
  await screenshotThemes(prompt, 'otp');
});

test('passkey', async ({ extension, page, site }) => {
  await connect(extension, page);
  askAndLeave(page, 'grid_registerPasskey', {
    accountId: ACCOUNT_ID,
    nickname: 'Work laptop',
    challenge: Buffer.alloc(32, 1).toString('base64url'),
    user: { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' },
  });
  const prompt = await promptPage(extension, 'Create a passkey');
  await expectPromptBasics(prompt, site.origin);
  await expect(prompt.getByText('Work laptop')).toBeVisible();
  await screenshotThemes(prompt, 'passkey');
});

// A browser of its own, so the popup shows this story and not every other test's sites.
test('toolbar popup', async ({ site }) => {
  const extension = await openExtension();
  try {
    const page = await openSite(extension, site.origin);
    const session = await openSession(extension, page);
    await approveWithGrant(extension, page, {
      sessionId: session.sessionId,
      payloadToSign: PAYMENT,
      title: PAYMENT_TITLE,
      grant: '1 hour',
    });
    // Under the grant: another payment (anything else asks).
    resultOf(await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: paymentNumber(2) }));

    const other = await openSite(extension, site.otherOrigin);
    await connect(extension, other);
    const otp = ask(other, 'grid_collectOtp', { credentialId: 'AuthMethod:1', channel: 'SMS', destination: '+64 21 555 0000' });
    await promptPage(extension, 'Enter your sign-in code');

    const toolbar = await openToolbar(extension);
    await expect(toolbar.getByText('Waiting for you (1)')).toBeVisible();
    await expect(toolbar.getByText('Payments without asking')).toBeVisible();
    const activity = toolbar.getByRole('region', { name: 'Recent activity' }).getByRole('listitem');
    await expect(activity.nth(1)).toContainText(PAYMENT_TITLE);
    await expect(activity.nth(1)).toContainText('without asking');
    await screenshotThemes(toolbar, 'toolbar');
    await internalCall(toolbar, 'approvals/rejectAll');
    expectError(await otp, 4001);
  } finally {
    await extension.context.close();
  }
});
