import { press } from '../support/approvals.ts';
import { TITLES } from '../support/demoCustomer.ts';
import { expect, storedRecords, test } from '../support/journey.ts';

test('encrypted email-code sign-in across a service-worker stop, session refresh, SMS step-up, disconnect', async ({
  extension,
  customer,
}) => {
  await customer.connect();
  await customer.createCustomer();

  // Half the code typed, the worker stopped (a client key exists, no session yet), the rest typed: the sign-in completes.
  const verified = customer.watchVerifyBodies();
  const otp = await customer.startEmailSignIn();
  await expect(otp.getByText('This site never sees it')).toBeVisible();
  const code = await customer.readCode();
  const field = otp.getByLabel('One-time code');
  await field.pressSequentially(code.slice(0, 3));
  await extension.stopServiceWorker();
  await field.pressSequentially(code.slice(3));
  await press(otp, 'Verify');
  // Grid answered the sealed code with a verification token, which the client key signed without a second prompt.
  const first = await customer.signedIn('an email code (encrypted flow)');
  // The page only ever relayed the code sealed to the enclave: once, then again with the client key's stamp.
  const sealed = { type: 'EMAIL_OTP', encryptedOtpBundle: expect.any(String) };
  expect(verified).toEqual([sealed, sealed]);
  expect(JSON.stringify(verified)).not.toContain(`"${code}"`);
  expect(await customer.walletSessionIds()).toEqual([first]);
  expect(await customer.gridSessionIds()).toEqual([first]);

  // Refresh: the session signs for its successor; the extension lets the old key go, Grid lets the old session expire.
  await customer.click('Refresh session');
  await customer.approve(TITLES.newSession);
  const refreshed = await customer.expectStatus(new RegExp(`^Refreshed ${first}: new session Session:\\S+ until `));
  const second = refreshed.match(/new session (\S+)/)![1]!;
  expect(await customer.walletSessionIds()).toEqual([second]);
  expect((await customer.gridSessionIds()).sort()).toEqual([first, second].sort());
  await customer.pay();

  // SMS step-up: a resent code replaces the first one, which no longer verifies; the newest one does.
  await customer.click('Verify with SMS code');
  const sms = await customer.prompt(TITLES.otp);
  await expect(sms.getByText(/^We sent it by text message to \+1•+123\.$/)).toBeVisible();
  const stale = await customer.readCode(customer.phoneNumber);
  const answered = sms.waitForEvent('close'); // the resent code's prompt comes in a new window, with the same title
  await press(sms, 'Resend code');
  await answered;
  await customer.typeCode(await customer.prompt(TITLES.otp), stale);
  await customer.expectStatus('Step-up not verified: CODE_INVALID_OR_EXPIRED');
  await customer.click('Verify with SMS code');
  await customer.enterCode(await customer.prompt(TITLES.otp), customer.phoneNumber);
  await customer.expectStatus('Step-up verified by SMS code');

  // Disconnect: the extension forgets the site, its grant and its keys.
  await customer.click('Disconnect this site');
  await customer.expectStatus('Disconnected: the extension forgot this site, its keys and its sessions');
  expect(await customer.walletStatus()).toEqual({ connected: false, version: '1.0.0' });
  for (const store of ['connections', 'clientKeys', 'sessions']) expect(await storedRecords(extension, store)).toEqual([]);
  await customer.connect();
  expect(await customer.walletSessionIds()).toEqual([]);
  await customer.click('Send payment');
  await customer.expectStatus('Send payment failed: Sign in first');
});
