import { randomBytes } from 'node:crypto';
import { newAccount, signedCall, signIn } from '../../packages/emulator/src/testkit/flows.ts';
import { startEmulator, type TestServer } from '../../packages/emulator/src/testkit/http.ts';
import { newClientKey } from '../../packages/emulator/src/testkit/turnkeyClient.ts';
import { addFirefoxAuthenticator, type FirefoxAuthenticator } from '../../packages/playwright/src/firefoxAuthenticator.ts';
import { DEVELOPMENT_GECKO_ID, firefoxWebAuthnOrigin } from '@grid-wallet/core/extensionOrigins';
import { press } from '../support/approvals.ts';
import { walletCall } from '../support/extension.ts';
import { WalletPrompts } from '../../packages/playwright/src/wallet.ts';
import { expect, FIREFOX_EXTENSION_ORIGIN, test as base } from '../support/firefox.ts';
import { startPageServer } from '../support/pageServer.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import { verifyPasskeyAssertion, verifyPasskeyRegistration } from '../../test-support/independent.ts';

/**
 * Firefox ESR (150+): the approval window claims the site's domain (localhost) as RP ID
 * through the host permissions, and Firefox writes the add-on id's WebAuthn origin,
 * `moz-extension://` + SHA-256(gecko id) in letters a–p, into clientDataJSON: the same for
 * every profile, so Grid can allow-list it. A Marionette virtual authenticator stands in for
 * the customer's. Every result is verified by @simplewebauthn/server and by the emulator.
 */

const FIREFOX_ORIGIN = firefoxWebAuthnOrigin(DEVELOPMENT_GECKO_ID);
const USER = { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' };

const test = base.extend<object, { authenticator: FirefoxAuthenticator }>({
  authenticator: [
    async ({ extension }, use) => {
      const authenticator = await addFirefoxAuthenticator(extension.profileDir);
      await use(authenticator);
      authenticator.close();
    },
    { scope: 'worker' },
  ],
});

let grid: TestServer;
test.beforeEach(async () => {
  grid = await startEmulator({ port: 0 });
});
test.afterEach(() => grid.close());

test("Firefox: a passkey under the site's domain, registered and used through the extension, verifies against the add-on id's origin and Grid signs in with it", async ({
  extension,
  authenticator,
  page,
  site,
}) => {
  const connecting = walletCall(page, 'wallet_connect');
  await press(await extension.approvalWindow(), 'Approve');
  resultOf(await connecting);

  const account = await newAccount(grid);
  const { key } = await signIn(grid, account);
  const challenge = randomBytes(32).toString('base64url');
  // The page names an RP ID of its choosing; the extension takes the site's from the browser.
  const registering = walletCall(page, 'grid_registerPasskey', {
    accountId: account.accountId,
    nickname: 'Work laptop',
    challenge,
    user: USER,
    rp: { id: 'example.com', name: 'Acme' },
  });
  await press(await extension.approvalWindow(), 'Approve');
  const { attestation } = resultOf(await registering);
  const registered = await verifyPasskeyRegistration(attestation, challenge, { origin: FIREFOX_ORIGIN, rpId: 'localhost' });
  expect(registered.verified).toBe(true);
  expect((await authenticator.credentials()).map((c) => c.rpId)).toContain('localhost');
  const added = await signedCall(
    grid,
    'POST',
    '/auth/credentials',
    { type: 'PASSKEY', accountId: account.accountId, nickname: 'Work laptop', challenge, attestation },
    key,
  );
  expect(added.result.status, JSON.stringify(added.result.body)).toBe(201);

  const challenged = await grid.grid('POST', `/auth/credentials/${added.result.body.id}/challenge`, {
    clientPublicKey: newClientKey().publicKey,
  });
  expect(challenged.status, JSON.stringify(challenged.body)).toBe(200);
  const { challenge: challengeHex, requestId } = challenged.body;
  const asserting = walletCall(page, 'grid_getPasskeyAssertion', { credentialId: attestation.credentialId, challenge: challengeHex });
  await press(await extension.approvalWindow(), 'Approve');
  const { assertion } = resultOf(await asserting);
  const authenticated = await verifyPasskeyAssertion(
    assertion,
    challengeHex,
    { origin: FIREFOX_ORIGIN, rpId: 'localhost' },
    registered.registrationInfo!.credential,
  );
  expect(authenticated.verified).toBe(true);
  const verified = await grid.grid(
    'POST',
    `/auth/credentials/${added.result.body.id}/verify`,
    { type: 'PASSKEY', assertion },
    { 'Request-Id': requestId },
  );
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);

  // Another site (same RP ID, another port) asking with this passkey: 4404 at once, no prompt.
  const otherSite = await startPageServer();
  const other = await extension.context.newPage();
  try {
    await other.goto(`${otherSite.origin}/blank.html`);
    await other.waitForFunction(() => 'gridWallet' in window);
    const otherConnecting = walletCall(other, 'wallet_connect');
    await press(await extension.approvalWindow(), 'Approve');
    resultOf(await otherConnecting);
    const attempt = await walletCall(other, 'grid_getPasskeyAssertion', {
      credentialId: attestation.credentialId,
      challenge: challengeHex,
    });
    expect(expectError(attempt, 4404).data).toEqual({ reason: 'not_found' });
    const prompts = new WalletPrompts(extension.context, 'firefox', FIREFOX_EXTENSION_ORIGIN);
    await expect(prompts.prompt({ timeout: 3_000 }), 'a prompt for another site’s passkey').rejects.toThrow(/no approval window opened/);
  } finally {
    await other.close();
    await otherSite.close();
  }
  expect(site.origin).not.toBe(otherSite.origin);
});
