import type { Page } from '@playwright/test';
import { PAYMENT, PAYMENT_TITLE } from '../approvals/payloads.ts';
import { verifyGridStamp } from '../../test-support/independent.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import {
  approvalWindowState,
  ask,
  askAndLeave,
  expect,
  minimiseApprovalWindow,
  openSession,
  openSite,
  press,
  promptPage,
  test,
} from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import type { Extension } from '../support/extension.ts';
import { PAYMENT_V2 } from './payloads.ts';

/**
 * Input meant for the page must not answer a prompt (docs/security-model.md §3.12).
 * The customer types and clicks in the page at its own rhythm; the approval window
 * appears (or comes back) under their hands. From the moment the window's document
 * exists, these tests press Space and Enter and click where Approve is, over and
 * over, for well past the arming delay: nothing may be approved, and the prompt
 * still waits. A press the customer makes once the window is armed still works.
 */

/** How long the hammering lasts: the attacks approved at 45 to 600 ms. */
const HAMMER_MS = 1_500;

/** Where Approve is (or will be) in the window; the foot of the window until it is drawn. */
async function approveSpot(window: Page): Promise<{ x: number; y: number }> {
  const box = await window
    .evaluate(() => {
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Approve');
      const rect = button?.getBoundingClientRect();
      return rect && { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
    })
    .catch(() => undefined);
  return box ?? { x: 300, y: 560 };
}

/** Space, Enter and a click at Approve's spot, again and again, as fast as input goes, for HAMMER_MS. */
async function hammer(window: Page): Promise<void> {
  const until = Date.now() + HAMMER_MS;
  while (Date.now() < until && !window.isClosed()) {
    const spot = await approveSpot(window);
    try {
      await window.keyboard.press(' ');
      await window.keyboard.press('Enter');
      await window.mouse.click(spot.x, spot.y);
    } catch {
      return; // the window closed under the press: it answered
    }
  }
}

/** The approval window's page as soon as the browser creates it, before anything is drawn (its URL may not be set yet). */
function nextWindow(extension: Extension): Promise<Page> {
  return extension.context.waitForEvent('page', (page) => !page.url().startsWith('http'));
}

/** `reply` has no answer and its prompt is on screen; `othersWaiting` other requests wait in the queue too. */
async function expectStillWaiting(
  reply: ReturnType<typeof ask>,
  window: Page,
  title: string,
  extension: Extension,
  othersWaiting = 0,
): Promise<void> {
  expect(await answerOrPrompt(extension, reply, othersWaiting), 'the page got an answer').toBe('pending');
  await expect(window.getByRole('heading', { level: 1 })).toHaveText(title);
}

test('a connect prompt that opens under a typing, clicking customer is not approved; a deliberate click is', async ({
  extension,
  page,
  site,
}) => {
  const opened = nextWindow(extension);
  const reply = ask(page, 'wallet_connect');
  const window = await opened;
  await hammer(window);
  await expectStillWaiting(reply, window, 'Connect this site to your wallet?', extension);

  const prompt = await promptPage(extension, 'Connect this site to your wallet?');
  await press(prompt, 'Approve');
  expect(resultOf(await reply).origin).toBe(site.origin);
});

test('a payment prompt that opens under a typing, clicking customer is not approved; a deliberate click is', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  const opened = nextWindow(extension);
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const window = await opened;
  await hammer(window);
  await expectStillWaiting(reply, window, PAYMENT_TITLE, extension);

  const prompt = await promptPage(extension, PAYMENT_TITLE);
  await press(prompt, 'Approve');
  expect((await verifyGridStamp(resultOf(await reply).signature, PAYMENT)).publicKey).toBe(session.publicKey);
});

test('a passkey prompt that opens under a typing customer starts no ceremony', async ({ extension, page }) => {
  await openSession(extension, page);
  const opened = nextWindow(extension);
  const reply = ask(page, 'grid_getPasskeyAssertion', { credentialId: 'AAAAAAAAAAAAAAAAAAAAAA', challenge: 'ab'.repeat(32) });
  const window = await opened;
  await hammer(window);
  await expectStillWaiting(reply, window, 'Sign in with your passkey', extension);
  await expect(window.getByRole('main').getByRole('status'), 'a passkey ceremony started').toHaveText('');
  await press(window, 'Reject');
  expectError(await reply, 4001);
});

test('a waiting payment is not brought back by its own site; brought back by another, it re-arms before any press counts', async ({
  extension,
  page,
  site,
}) => {
  const session = await openSession(extension, page);
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  await expect(prompt.getByRole('button', { name: 'Approve', exact: true })).toBeEnabled(); // armed once already
  await minimiseApprovalWindow(extension);
  // A minimised window loses focus; headless Chromium sends it no blur, so send the one a desktop would.
  await prompt.evaluate(() => window.dispatchEvent(new FocusEvent('blur')));
  await expect(prompt.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();

  // The same site asks again: its waiting prompt stays where the customer put it.
  const again = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT_V2 });
  await expect(prompt.getByText('1 of 2')).toBeVisible();
  // Something that must not happen: watched for a bounded while, as the other "still waiting" checks are.
  const restored = await expect
    .poll(() => approvalWindowState(extension), { timeout: 1_500 })
    .toBe('normal')
    .then(
      () => true,
      () => false,
    );
  expect(restored, "the site's own request brought its waiting prompt back").toBe(false);

  // Another site's request brings it back, under a customer typing and clicking.
  const other = await openSite(extension, site.otherOrigin);
  const hammering = hammer(prompt);
  askAndLeave(other, 'wallet_connect');
  await expect.poll(() => approvalWindowState(extension)).toBe('normal');
  await hammering;
  await hammer(prompt); // and on, for as long again after it reappeared
  await expectStillWaiting(reply, prompt, PAYMENT_TITLE, extension, 1);
  expect(await answerOrPrompt(extension, again, 1)).toBe('pending');

  await press(prompt, 'Approve');
  expect((await verifyGridStamp(resultOf(await reply).signature, PAYMENT)).publicKey).toBe(session.publicKey);
  await other.close();
});
