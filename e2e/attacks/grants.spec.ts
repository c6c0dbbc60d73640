import { PAYMENT, PAYMENT_TITLE } from '../approvals/payloads.ts';
import { verifyGridStamp } from '../../test-support/independent.ts';
import { walletCall } from '../support/extension.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import { approveWithGrant, ask, expect, openSession, openToolbar, press, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { pageMadeKey } from './fromPage.ts';
import { ALWAYS_ASK, apiKeyFor, decoyRefresh, END_SESSION_OF, HANDS_OVER_CONTROL, loginsFor, refreshTo, UNREADABLE } from './payloads.ts';

/**
 * A connected page holding a one-hour signing grant asks for stamps the grant
 * must not cover. Each one either prompts (a window appears, the page has no
 * stamp until Approve, and no grant is offered) or is refused
 * (docs/security-model.md, 3.4 to 3.6).
 */

/** What the customer is told a grant covers: on the payment prompt that offers it, and in the toolbar while it lasts. */
const GRANT_LEGEND = "For this site's payments, and renewing your sign-in to it";
const GRANT_SCOPE = 'Covers payments and renewing your sign-in; everything else still asks';

test('under a grant, credential and email changes prompt with a red warning; the page has no stamp until Approve', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  await approveWithGrant(extension, page, { sessionId: session.sessionId, payloadToSign: PAYMENT, title: PAYMENT_TITLE, grant: '1 hour' });
  // The grant works for what it covers.
  resultOf(await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT }));

  for (const [name, payloadToSign] of Object.entries(ALWAYS_ASK)) {
    const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign });
    expect(await answerOrPrompt(extension, reply), name).toBe('pending');
    const prompt = await promptPage(extension);
    await expect(prompt.locator('.notice--danger').filter({ hasText: 'Think twice' }), name).toBeVisible();
    await expect(prompt.getByRole('radio'), name).toHaveCount(0);
    expect(await answerOrPrompt(extension, reply), name).toBe('pending');
    if (name.startsWith('UPDATE_USER_EMAIL without')) {
      await press(prompt, 'Approve');
      expect((await verifyGridStamp(resultOf(await reply).signature, payloadToSign)).publicKey).toBe(session.publicKey);
    } else {
      await press(prompt, 'Reject');
      expectError(await reply, 4001);
    }
  }
});

test('under a grant, plain text and oddly shaped JSON prompt as unreadable and are never granted', async ({ extension, page }) => {
  const session = await openSession(extension, page);
  await approveWithGrant(extension, page, { sessionId: session.sessionId, payloadToSign: PAYMENT, title: PAYMENT_TITLE, grant: '1 hour' });

  for (const [name, payloadToSign] of Object.entries(UNREADABLE)) {
    const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign });
    expect(await answerOrPrompt(extension, reply), name).toBe('pending');
    const prompt = await promptPage(extension);
    await expect(prompt.getByText('The wallet cannot read this request'), name).toBeVisible();
    await expect(prompt.locator('.raw__text'), name).toHaveText(payloadToSign);
    await expect(prompt.getByRole('radio'), name).toHaveCount(0);
    await press(prompt, 'Reject');
    expectError(await reply, 4001);
  }
});

test('under a grant, an API key for a key the page made is refused without a prompt', async ({ extension, page }) => {
  const session = await openSession(extension, page);
  await approveWithGrant(extension, page, { sessionId: session.sessionId, payloadToSign: PAYMENT, title: PAYMENT_TITLE, grant: '1 hour' });
  const payloadToSign = apiKeyFor(await pageMadeKey(page));
  const error = expectError(await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign }), 4100);
  expect(error.message).toMatch(/key of its own/);
  expect(error.data).toEqual({ field: 'params.payloadToSign', reason: 'key_not_held' });
  expect(extension.context.pages().some((p) => p.url().includes('approval.html'))).toBe(false);
});

test('under a grant, payloads that hand over control prompt with a red warning, focus on Reject and every parameter on screen', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  await approveWithGrant(extension, page, { sessionId: session.sessionId, payloadToSign: PAYMENT, title: PAYMENT_TITLE, grant: '1 hour' });

  for (const [name, { payload, title, visible }] of Object.entries(HANDS_OVER_CONTROL)) {
    const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: payload });
    expect(await answerOrPrompt(extension, reply), name).toBe('pending');
    const prompt = await promptPage(extension, title);
    await expect(prompt.locator('.notice--danger').filter({ hasText: 'Think twice' }), name).toBeVisible();
    await expect(prompt.getByRole('button', { name: 'Reject', exact: true }), name).toBeFocused();
    await expect(prompt.getByLabel('What you are signing').getByText(visible), name).toBeVisible();
    await expect(prompt.getByRole('radio'), name).toHaveCount(0);
    await press(prompt, 'Reject');
    expectError(await reply, 4001);
  }
});

test('under a grant, a login or a decoy refresh for a key the page made is refused (4100) without a prompt, whatever it is called', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  await approveWithGrant(extension, page, { sessionId: session.sessionId, payloadToSign: PAYMENT, title: PAYMENT_TITLE, grant: '1 hour' });
  const pageKey = await pageMadeKey(page);

  for (const [name, payloadToSign] of Object.entries({
    'decoy refresh': decoyRefresh(session.publicKey, pageKey),
    ...loginsFor(pageKey),
  })) {
    const reply = await answerOrPrompt(extension, walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign }));
    expect(reply, name).toMatchObject({ error: { code: 4100, data: { field: 'params.payloadToSign', reason: 'key_not_held' } } });
  }
  expect(extension.context.pages().some((p) => p.url().includes('approval.html'))).toBe(false);
});

test('a sign-out prompts under a grant and offers none; a payment prompt offers one that names payments', async ({ extension, page }) => {
  const session = await openSession(extension, page);
  const payment = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const paymentPrompt = await promptPage(extension, PAYMENT_TITLE);
  await expect(paymentPrompt.getByRole('group', { name: GRANT_LEGEND }).getByRole('radio')).toHaveCount(3);
  await paymentPrompt.getByRole('radio', { name: "Don't ask again for 1 hour" }).check();
  await press(paymentPrompt, 'Approve');
  resultOf(await payment);

  const signOut = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: END_SESSION_OF(session.sessionId) });
  expect(await answerOrPrompt(extension, signOut)).toBe('pending');
  const prompt = await promptPage(extension, 'Sign out a session');
  await expect(prompt.getByRole('radio')).toHaveCount(0);
  await press(prompt, 'Reject');
  expectError(await signOut, 4001);
});

test('a grant names all it signs without asking: a session refresh to a key the page had the extension make is signed silently, and the prompt and the toolbar say so', async ({
  extension,
  page,
  site,
}) => {
  const session = await openSession(extension, page);
  const payment = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  await prompt.getByRole('group', { name: GRANT_LEGEND }).getByRole('radio', { name: "Don't ask again for 15 minutes" }).check();
  await press(prompt, 'Approve');
  resultOf(await payment);

  // Not a payment, and no window: a new sign-in for a key the page asked for (grid_createClientKey needs no prompt).
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const refresh = refreshTo(clientKey.publicKey);
  const stamp = resultOf(await walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: refresh }));
  expect((await verifyGridStamp(stamp.signature, refresh)).publicKey).toBe(session.publicKey);

  const toolbar = await openToolbar(extension);
  await expect(toolbar.getByRole('article', { name: `http://localhost:${site.port}` }).getByText(GRANT_SCOPE)).toBeVisible();
});
