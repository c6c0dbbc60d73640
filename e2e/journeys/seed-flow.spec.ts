import { PAID, TITLES } from '../support/demoCustomer.ts';
import { press } from '../support/approvals.ts';
import { demoSiteFixture } from '../support/demoSite.ts';
import { expect, test as journey } from '../support/journey.ts';

// The seed flow was removed from Grid: the emulator accepts it only when asked to, as the demo's `npm start` does.
const test = journey.extend({ site: demoSiteFixture({ legacyPlaintextOtp: true }) });

test('seed-flow email sign-in, then a payment approved across a service-worker stop', async ({ extension, site, customer }) => {
  await customer.connect();
  await customer.createCustomer();

  const verified = customer.watchVerifyBodies();
  const sessionId = await customer.signInWithEmailCode(true);
  // The seed flow relays the plain code with an uncompressed client key, to which Grid seals the session key.
  expect(verified).toEqual([
    { type: 'EMAIL_OTP', otp: await customer.readCode(), clientPublicKey: expect.stringMatching(/^04[0-9a-f]{128}$/) },
  ]);
  const [held] = (await customer.walletStatus()).sessions!;
  expect(held).toMatchObject({ sessionId, accountId: customer.accountId, type: 'EMAIL_OTP', nickname: customer.email });
  // The session key Grid sealed, reported as a compressed P-256 point.
  expect(held!.publicKey).toMatch(/^0[23][0-9a-f]{64}$/);
  const [atGrid] = await site.sessionsAtGrid(customer.accountId);
  expect(atGrid).toMatchObject({ id: sessionId, type: 'EMAIL_OTP' });
  expect(Date.parse(atGrid!.expiresAt)).toBe(Date.parse(held!.expiresAt));

  // The payment waits in the window while Chrome stops the idle worker; approving still pays.
  await customer.click('Send payment');
  const prompt = await customer.prompt(TITLES.payment);
  await expect(prompt.getByRole('main')).toContainText('$ada@uma.example');
  await extension.stopServiceWorker();
  await press(prompt, 'Approve');
  // COMPLETED means Grid verified the stamp against the session's key.
  await customer.expectStatus(PAID);
  await expect(customer.page.getByRole('log', { name: 'Activity log' })).not.toContainText('failed');
});
