import { verifyGridStamp } from '../../test-support/independent.ts';
import { press } from '../support/approvals.ts';
import { PAID, TITLES } from '../support/demoCustomer.ts';
import { expect, test } from '../support/journey.ts';

test("a payment from a Grid-shaped quote: the window reads the transaction apart from the site's amounts; approved, executed, authorized with an SMS code typed in the extension", async ({
  customer,
  site,
}) => {
  await customer.connect();
  await customer.createCustomer({ scaRequired: true });
  await customer.signInWithEmailCode();

  // What the page relays to Grid: the quote it got, and the execute call it makes.
  const quotes: any[] = [];
  const executes: Record<string, string>[] = [];
  customer.page.on('response', async (response) => {
    const path = new URL(response.url()).pathname;
    if (path === '/api/grid/quotes' && response.request().method() === 'POST') quotes.push(await response.json());
  });
  customer.page.on('request', (request) => {
    if (/^\/api\/grid\/quotes\/[^/]+\/execute$/.test(new URL(request.url()).pathname)) executes.push(request.headers());
  });

  await customer.click('Send payment');
  const prompt = await customer.prompt(TITLES.payment);
  expect(quotes).toHaveLength(1);
  const [quote] = quotes;
  const payloadToSign: string = quote.paymentInstructions.find((i: any) => i.accountOrWalletInfo.accountType === 'EMBEDDED_WALLET')
    .accountOrWalletInfo.payloadToSign;
  const { parameters } = JSON.parse(payloadToSign);

  // The wallet's own reading of the payload: the wallet that signs, the transaction bytes.
  const checked = prompt.getByLabel('What you are signing');
  await expect(checked.getByTitle(parameters.signWith)).toBeVisible();
  await expect(checked.getByTitle(parameters.unsignedTransaction)).toBeVisible();
  await expect(checked.getByRole('definition').filter({ hasText: '32 bytes' })).toBeVisible();
  await expect(checked).not.toContainText('USD');
  // The quote's amounts, in their decimals, under the site's name, never among the checked fields.
  const origin = new URL(site.url).host;
  const claim = prompt.getByRole('region', { name: `According to ${origin}` });
  await expect(claim.getByRole('definition').filter({ hasText: /^USD\s12\.50$/ })).toBeVisible();
  await expect(claim.getByRole('definition').filter({ hasText: /^USD\s12\.40$/ })).toBeVisible();
  await expect(claim.getByRole('definition').filter({ hasText: /^USD\s0\.10$/ })).toBeVisible();
  await expect(claim.getByRole('definition').filter({ hasText: '$ada@uma.example' })).toBeVisible();
  await expect(claim).toContainText('has not checked them');
  await press(prompt, 'Approve');

  // Grid asks for Strong Customer Authentication: the SMS code is typed in the extension, and this site relays it.
  const sca = await customer.prompt(TITLES.otp);
  await expect(sca.getByText(/^We sent it by text message to \+1•+123\.$/)).toBeVisible();
  await expect(sca.getByText('This site receives the code you type', { exact: false })).toBeVisible();
  await customer.enterCode(sca, customer.phoneNumber);
  await customer.expectStatus(PAID);

  // The execute call carried a stamp over the payment instruction's exact bytes, by the session's key, and an Idempotency-Key.
  expect(executes).toHaveLength(1);
  const [headers] = executes;
  expect(headers!['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  const [session] = (await customer.walletStatus()).sessions!;
  expect((await verifyGridStamp(headers!['grid-wallet-signature']!, payloadToSign)).publicKey).toBe(session!.publicKey);
  await expect(customer.page.getByRole('log', { name: 'Activity log' })).not.toContainText('failed');
});
