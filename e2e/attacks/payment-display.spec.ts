import { ask, expect, openSession, press, promptPage, test } from '../support/approvals.ts';
import { expectError } from '../support/wallet.ts';
import { PAYMENT, PAYMENT_TITLE } from '../approvals/payloads.ts';

/**
 * A hostile page (an XSS on the integrator's site) asks for a payment signature
 * and lies in the display context: the transaction is whatever Grid quoted, the
 * page says it is 1.00 USD to a friend. The window must show the page's words
 * only as the site's claim, apart from what the wallet read from the payload,
 * and never as checked.
 */
test('a page lying about the amount: the window shows it only under "According to <site>", apart from the fields the wallet checked', async ({
  extension,
  page,
  site,
}) => {
  const session = await openSession(extension, page);
  const lie = {
    payment: {
      sending: { amount: 100, currency: { code: 'USD', decimals: 2 } },
      destination: 'Your own savings account',
      quoteId: 'Quote:00000000-0000-4000-8000-000000000000',
    },
  };
  const reply = ask(page, 'grid_signPayload', {
    sessionId: session.sessionId,
    payloadToSign: PAYMENT,
    summary: 'Verified by Grid: 1.00 USD',
    display: lie,
  });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  const main = prompt.getByRole('main');

  // The title and the checked fields come from the payload, and carry no amount and no recipient.
  const checked = main.getByLabel('What you are signing');
  await expect(checked.getByRole('term')).toHaveText(['Wallet', 'Transaction type', 'Transaction', 'Transaction size']);
  await expect(checked).not.toContainText('1.00');
  await expect(checked).not.toContainText('savings');

  // The page's claim is its own region, named after the site, saying the wallet did not check it.
  const claim = main.getByRole('region', { name: `According to localhost:${site.port}` });
  await expect(claim.getByRole('heading', { level: 2 })).toHaveText(`According to localhost:${site.port}`);
  await expect(claim.getByRole('definition').filter({ hasText: /^USD\s1\.00$/ })).toBeVisible();
  await expect(claim.getByRole('definition').filter({ hasText: 'Your own savings account' })).toBeVisible();
  await expect(claim).toContainText('The wallet cannot read these from the transaction and has not checked them');
  // Each of the page's words appears once, inside its claim or its quoted summary, nowhere else.
  await expect(main.getByText(/^USD\s1\.00$/)).toHaveCount(1);
  await expect(main.getByText('Your own savings account')).toHaveCount(1);
  await expect(main.getByRole('figure')).toContainText("In the site's own words (not checked by the wallet)");
  await expect(claim.locator('dl')).not.toHaveAttribute('aria-label', 'What you are signing');

  await press(prompt, 'Reject');
  expectError(await reply, 4001);
});

test("a transaction without the site's account of it says the site did not say what it pays", async ({ extension, page }) => {
  const session = await openSession(extension, page);
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  await expect(prompt.getByText('The site did not say what this transaction pays')).toBeVisible();
  await expect(prompt.getByRole('region', { name: /^According to/ })).toHaveCount(0);
  await press(prompt, 'Reject');
  expectError(await reply, 4001);
});
