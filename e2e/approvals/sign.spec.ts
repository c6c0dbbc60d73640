import type { Page } from '@playwright/test';
import { verifyGridStamp } from '../../test-support/independent.ts';
import { walletCall } from '../support/extension.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import {
  approveWithGrant,
  ask,
  expect,
  expectWindowClosed,
  openSession,
  openToolbar,
  press,
  pressKey,
  promptPage,
  SESSION,
  test,
} from '../support/approvals.ts';
import {
  END_SESSION,
  paymentNumber,
  exportWalletTo,
  PAYMENT,
  PAYMENT_DISPLAY,
  PAYMENT_TITLE,
  REMOVE_PASSKEY,
  UNKNOWN_ACTIVITY,
  verificationToken,
} from './payloads.ts';

/** The sign prompt (docs/architecture.md §5): what is signed in words, who signs, warnings, and "don't ask again" grants. */

test("an activity reads as a title and its main fields; the payment and summary are the site's; the raw payload is a click away; the stamp verifies", async ({
  extension,
  page,
  site,
}) => {
  const session = await openSession(extension, page);
  const summary = 'Pay Acme Coffee Roasters for order #1042';
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT, summary, display: PAYMENT_DISPLAY });
  const prompt = await promptPage(extension, PAYMENT_TITLE);

  await expect(prompt.getByText('Signature request')).toBeVisible();
  // What the wallet reads from the payload itself…
  const checked = prompt.getByLabel('What you are signing');
  // Ids are shortened on screen, the whole value in the tooltip.
  await expect(checked.getByRole('definition').and(prompt.getByTitle('wallet_abc123def456'))).toHaveText('wallet…def456');
  await expect(checked.getByRole('definition').filter({ hasText: '32 bytes' })).toBeVisible();
  // …and, apart, what only the site says.
  const claim = prompt.getByRole('region', { name: `According to localhost:${site.port}` });
  await expect(claim.getByRole('definition').filter({ hasText: /^USD\s12\.50$/ })).toBeVisible();
  await expect(claim.getByRole('definition').filter({ hasText: /^USD\s0\.10$/ })).toBeVisible();
  await expect(claim.getByRole('definition').filter({ hasText: 'Acme Coffee Roasters' })).toBeVisible();
  await expect(prompt.getByRole('figure')).toContainText("In the site's own words (not checked by the wallet)");
  await expect(prompt.getByRole('figure')).toContainText(summary);

  const signer = prompt.getByRole('region', { name: 'Signs with' });
  await expect(signer).toContainText(`Email code · ${SESSION.nickname}`);
  await expect(signer).toContainText('InternalAccount:019542…000002');
  await expect(signer).toContainText(/1[45] min/);
  // The session's names came from the page when it opened the session: the card says whose words they are.
  await expect(signer).toContainText(`Names and account as given by localhost:${site.port}`);

  const raw = prompt.locator('.raw__text');
  await expect(raw).toBeHidden();
  await prompt.getByText('Show exactly what will be signed').click();
  await expect(raw).toHaveText(PAYMENT);

  await press(prompt, 'Approve');
  const signed = resultOf(await reply);
  expect((await verifyGridStamp(signed.signature, PAYMENT)).publicKey).toBe(session.publicKey);
});

for (const [name, payloadFor, title] of [
  ['removing a passkey', async () => REMOVE_PASSKEY, 'Remove a passkey'],
  [
    'exporting the wallet',
    async (page: Page) => exportWalletTo(resultOf(await walletCall(page, 'grid_createExportKey')).publicKey),
    'Export your wallet',
  ],
] as const) {
  test(`${name} carries a warning and offers no "don't ask again"`, async ({ extension, page }) => {
    const session = await openSession(extension, page);
    const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: await payloadFor(page) });
    const prompt = await promptPage(extension, title);
    await expect(prompt.getByText('Think twice')).toBeVisible();
    await expect(prompt.getByText(name === 'exporting the wallet' ? /secret recovery phrase/ : /removes a way to sign in/)).toBeVisible();
    await expect(prompt.getByRole('radio')).toHaveCount(0);
    // Focus starts on Reject, so an Enter meant for the page refuses; Escape rejects too.
    await expect(prompt.getByRole('button', { name: 'Reject', exact: true })).toBeFocused();
    await pressKey(prompt, 'Escape');
    expectError(await reply, 4001);
  });
}

test('an unknown activity gets a title from its type; a JWT is "Confirm sign-in"; anything else is shown as text', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  const sign = (payloadToSign: string) => ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign });

  const unknown = sign(UNKNOWN_ACTIVITY);
  let prompt = await promptPage(extension, 'Set payment limit');
  await expect(prompt.getByRole('definition').filter({ hasText: '250.00' })).toBeVisible();
  await expect(prompt.getByRole('term').filter({ hasText: 'Daily limit' })).toBeVisible();
  const jwt = sign(verificationToken());
  const text = sign('hello, wallet');
  await expect(prompt.getByText('1 of 3')).toBeVisible();
  await press(prompt, 'Reject');

  prompt = await promptPage(extension, 'Confirm sign-in');
  await expect(prompt.getByRole('term').filter({ hasText: 'Expires' })).toBeVisible();
  await press(prompt, 'Reject');

  prompt = await promptPage(extension, 'Sign a message');
  await expect(prompt.getByText('The wallet cannot read this request')).toBeVisible();
  await expect(prompt.locator('.raw__text')).toHaveText('hello, wallet');
  await press(prompt, 'Reject');
  for (const reply of [unknown, jwt, text]) expectError(await reply, 4001);
});

test('"Don\'t ask again for 15 minutes": the next payment needs no prompt, a sign-out still asks; the grant is listed with its scope and revoked in the toolbar', async ({
  extension,
  page,
  site,
}) => {
  const session = await openSession(extension, page);
  await approveWithGrant(extension, page, {
    sessionId: session.sessionId,
    payloadToSign: PAYMENT,
    title: PAYMENT_TITLE,
    grant: '15 minutes',
  });
  await expectWindowClosed(extension);

  // Under the grant: another payment is signed at once, no window; a sign-out is not a payment, so it asks.
  const unprompted = resultOf(
    await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: paymentNumber(2) }),
  );
  expect((await verifyGridStamp(unprompted.signature, paymentNumber(2))).publicKey).toBe(session.publicKey);
  const signOut = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: END_SESSION });
  await press(await promptPage(extension, 'Sign out a session'), 'Reject');
  expectError(await signOut, 4001);

  const toolbar = await openToolbar(extension);
  const card = toolbar.getByRole('article', { name: `http://localhost:${site.port}` });
  await expect(card.getByText('Payments without asking')).toBeVisible();
  await expect(card.getByText('Covers payments and renewing your sign-in; everything else still asks')).toBeVisible();
  await expect(card.getByText(/1[45] min left/).first()).toBeVisible();
  const activity = toolbar.getByRole('region', { name: 'Recent activity' }).getByRole('listitem');
  await expect(activity.first()).toContainText(PAYMENT_TITLE);
  await expect(activity.first()).toContainText('allowed without asking');
  await expect(activity.nth(1)).toContainText(PAYMENT_TITLE);
  await expect(activity.nth(1)).toContainText('you approved');

  await card.getByRole('button', { name: `Revoke payments without asking for localhost:${site.port}` }).click();
  await expect(card.getByText('Payments without asking')).toBeHidden();
  await toolbar.close();

  const asksAgain = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: paymentNumber(3) });
  await press(await promptPage(extension, PAYMENT_TITLE), 'Reject');
  expectError(await asksAgain, 4001);
});
