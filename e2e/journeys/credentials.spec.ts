import { press } from '../support/approvals.ts';
import { TITLES } from '../support/demoCustomer.ts';
import { expect, test } from '../support/journey.ts';
import { attachAuthenticator } from '../../packages/playwright/src/virtualAuthenticator.ts';

test('add a passkey, sign out, sign in with it; link and use OAuth; revoke a credential and a session', async ({
  extension,
  site,
  customer,
}) => {
  await customer.connect();
  await customer.createCustomer();
  const emailSession = await customer.signInWithEmailCode();

  // The passkey is created in the extension's window (RP ID: the demo's domain, localhost), then added by the session.
  await customer.click('Add passkey');
  const create = await customer.prompt(TITLES.passkeyCreate);
  const authenticator = await attachAuthenticator(create);
  await press(create, 'Approve');
  await customer.approve(TITLES.addPasskey);
  await customer.expectStatus(/^Added passkey “Demo passkey” \(AuthMethod:\S+\)$/);
  expect(authenticator.created).toHaveLength(1);

  await customer.click('Sign out');
  await customer.approve(TITLES.endSession);
  await customer.expectStatus(`Signed out: Grid revoked ${emailSession} and the extension forgot its key`);
  expect(await customer.walletSessionIds()).toEqual([]);
  expect(await customer.gridSessionIds()).toEqual([]);

  // The same authenticator (a later window gets a copy of its credential) signs in, though the worker stops while the prompt waits.
  await customer.click('Sign in with passkey');
  const get = await customer.prompt(TITLES.passkeyGet);
  await expect(get.getByRole('definition').filter({ hasText: 'Demo passkey' })).toBeVisible();
  await attachAuthenticator(get, authenticator.created);
  await extension.stopServiceWorker();
  await press(get, 'Approve');
  const passkeySession = await customer.signedIn('a passkey');

  // OAuth: linked with the passkey session's approval, then a sign-in with an emulator-issued ID token needs no prompt.
  await customer.click('Link OAuth account');
  await customer.approve(TITLES.addProvider);
  const linked = await customer.expectStatus(/^Linked an OAuth identity for \S+ \(AuthMethod:\S+\)$/);
  const oauth = (await site.credentialsAtGrid(customer.accountId)).find((c) => c.type === 'OAUTH');
  expect(linked).toBe(`Linked an OAuth identity for ${customer.email} (${oauth?.id})`);
  await customer.click('Sign in with OAuth');
  const oauthSession = await customer.signedIn('OAuth');
  const sessions = await site.sessionsAtGrid(customer.accountId);
  expect(sessions.map((s) => [s.id, s.type]).sort()).toEqual(
    [
      [passkeySession, 'PASSKEY'],
      [oauthSession, 'OAUTH'],
    ].sort(),
  );
  expect((await customer.walletSessionIds()).sort()).toEqual([passkeySession, oauthSession].sort());

  // Revoking the passkey credential (approved by the OAuth session) ends its session at Grid, and the page lets it go here.
  await customer.click('Revoke PASSKEY credential Demo passkey');
  await customer.approve(TITLES.removePasskey);
  await customer.expectStatus('Revoked PASSKEY credential Demo passkey; Grid ended its sessions');
  expect((await site.credentialsAtGrid(customer.accountId)).map((c) => c.type).sort()).toEqual(['EMAIL_OTP', 'OAUTH']);
  expect(await customer.gridSessionIds()).toEqual([oauthSession]);
  await expect.poll(() => customer.walletSessionIds()).toEqual([oauthSession]);

  // Revoking a session from Grid's list.
  await customer.click(`Revoke session ${oauthSession}`);
  await customer.approve(TITLES.endSession);
  await customer.expectStatus(`Revoked ${oauthSession}`);
  expect(await customer.gridSessionIds()).toEqual([]);
  expect(await customer.walletSessionIds()).toEqual([]);
});
