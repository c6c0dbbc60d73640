import { PAID, TITLES } from '../support/demoCustomer.ts';
import { press } from '../support/approvals.ts';
import { expect, test } from '../support/journey.ts';

test('seed-flow email sign-in, then a payment approved across a service-worker stop', async ({ extension, site, customer }) => {
  await customer.connect();
  await customer.createCustomer();

  const sessionId = await customer.signInWithEmailCode(true);
  const [held] = (await customer.walletStatus()).sessions!;
  expect(held).toMatchObject({ sessionId, accountId: customer.accountId, type: 'EMAIL_OTP', nickname: customer.email });
  // The seed flow's session key is the one Grid sealed to the client key: a compressed P-256 point.
  expect(held!.publicKey).toMatch(/^0[23][0-9a-f]{64}$/);
  const [atGrid] = await site.sessionsAtGrid(customer.accountId);
  expect(atGrid).toMatchObject({ id: sessionId, type: 'EMAIL_OTP' });
  expect(Date.parse(atGrid!.expiresAt)).toBe(Date.parse(held!.expiresAt));

  // The payment waits in the window while Chrome stops the idle worker; approving still pays.
  await customer.click('Send payment');
  const prompt = await customer.prompt(TITLES.payment);
  await expect(prompt.getByRole('main')).toContainText('ada@example.com');
  await extension.stopServiceWorker();
  await press(prompt, 'Approve');
  // COMPLETED means Grid verified the stamp against the session's key.
  await customer.expectStatus(PAID);
  await expect(customer.page.getByRole('log', { name: 'Activity log' })).not.toContainText('failed');
});
