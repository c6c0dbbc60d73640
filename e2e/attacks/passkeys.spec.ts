import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { newAccount, signedCall, signIn as signInByEmail } from '../../packages/emulator/src/testkit/flows.ts';
import { startEmulator, type TestServer } from '../../packages/emulator/src/testkit/http.ts';
import { type PageServer, startPageServer } from '../support/pageServer.ts';
import { newClientKey } from '../../packages/emulator/src/testkit/turnkeyClient.ts';
import { APPROVAL_PAGE, ask, expect, openSite, press, promptPage, test } from '../support/approvals.ts';
import type { Extension, WalletReply } from '../support/extension.ts';
import { ACCOUNT_ID, connect, expectError, resultOf } from '../support/wallet.ts';
import { attachAuthenticator, type VirtualCredential } from '../../packages/playwright/src/virtualAuthenticator.ts';

/**
 * docs/security-model.md §3.9: passkeys live under the site's registrable domain as RP ID,
 * and sites under one domain share it, so the extension also binds each passkey to the
 * site that made it. Site A (localhost:<port>) registers a passkey that the emulator
 * records; site B (localhost on another port: another site with the same RP ID,
 * connected too) asks for an assertion with A's credential id and must get nothing Grid
 * would accept. A site at an IP address can have no passkey at all, and a script in A's own
 * page that runs WebAuthn itself gets an assertion the emulator refuses for its origin.
 */

const SIGN_IN = 'Sign in with your passkey';
/** The page's own user.id: the extension must not use it as the WebAuthn user handle. */
const PAGE_USER = { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' };
/** What a site gets for a passkey that is not its own, whoever made it. */
const NOT_THIS_SITES_PASSKEY = { code: 4404, message: 'No passkey of this site has this credentialId', data: { reason: 'not_found' } };

interface GridPasskey {
  /** Grid's AuthMethod id. */
  gridId: string;
  /** The WebAuthn credential id (base64url). */
  credentialId: string;
  /** The credential as the virtual authenticator holds it, to hand to a later window's authenticator. */
  held: VirtualCredential[];
}

/** Site `page` registers a passkey in the extension and Grid (the emulator) records it on a new account. */
async function registerAtGrid(extension: Extension, page: Page, grid: TestServer): Promise<GridPasskey> {
  const account = await newAccount(grid);
  const { accountId } = account;
  const { key } = await signInByEmail(grid, account);
  const challenge = randomBytes(32).toString('base64url');
  const reply = ask(page, 'grid_registerPasskey', { accountId, nickname: 'Work laptop', challenge, user: PAGE_USER });
  const prompt = await promptPage(extension, 'Create a passkey');
  const authenticator = await attachAuthenticator(prompt);
  await press(prompt, 'Approve');
  const { attestation } = resultOf(await reply);
  // Added by the account's email session (only an EMAIL_OTP credential is ever added unsigned).
  const { result: added } = await signedCall(
    grid,
    'POST',
    '/auth/credentials',
    { type: 'PASSKEY', accountId, nickname: 'Work laptop', challenge, attestation },
    key,
  );
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  expect(authenticator.created).toHaveLength(1);
  return { gridId: added.body.id, credentialId: attestation.credentialId, held: authenticator.created };
}

/** Grid's sign-in challenge for the passkey: a hex hash of a session request, with its Request-Id. */
async function gridChallenge(grid: TestServer, passkey: GridPasskey): Promise<{ challenge: string; requestId: string }> {
  const reply = await grid.grid('POST', `/auth/credentials/${passkey.gridId}/challenge`, { clientPublicKey: newClientKey().publicKey });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** What Grid's /verify answers to whatever assertion the page received (undefined when it received none). */
async function gridVerdict(grid: TestServer, passkey: GridPasskey, requestId: string, reply: WalletReply): Promise<number | undefined> {
  if (!('result' in reply)) return undefined;
  const verify = await grid.grid(
    'POST',
    `/auth/credentials/${passkey.gridId}/verify`,
    { type: 'PASSKEY', assertion: reply.result.assertion },
    { 'Request-Id': requestId },
  );
  return verify.status;
}

/** Approves the open passkey sign-in prompt with an authenticator holding the passkey. */
async function approveSignIn(extension: Extension, passkey: GridPasskey): Promise<void> {
  const prompt = await promptPage(extension, SIGN_IN);
  await attachAuthenticator(prompt, passkey.held);
  await press(prompt, 'Approve');
}

/** Asks for an assertion from `page` and approves it. */
async function signIn(extension: Extension, page: Page, passkey: GridPasskey, challenge: string): Promise<WalletReply> {
  const reply = ask(page, 'grid_getPasskeyAssertion', { credentialId: passkey.credentialId, challenge });
  await approveSignIn(extension, passkey);
  return reply;
}

test.describe('passkeys answer only the site that made them', () => {
  let grid: TestServer;
  let otherSite: PageServer;
  let other: Page;

  test.beforeEach(async ({ extension, page }) => {
    grid = await startEmulator({ port: 0 });
    await connect(extension, page);
    otherSite = await startPageServer();
    other = await openSite(extension, otherSite.origin);
    await connect(extension, other);
  });

  test.afterEach(async () => {
    await other.close();
    await otherSite.close();
    await grid.close();
  });

  test('another site asking with a passkey this browser made for a site is refused at once, without a prompt; the site itself signs in', async ({
    extension,
    page,
  }) => {
    const passkey = await registerAtGrid(extension, page, grid);
    const attack = await gridChallenge(grid, passkey);

    const reply = ask(other, 'grid_getPasskeyAssertion', { credentialId: passkey.credentialId, challenge: attack.challenge });
    const prompted = await Promise.race([reply.then(() => false), promptPage(extension, SIGN_IN).then(() => true)]);
    // Were a prompt shown, a person trusting it would approve: whatever B then holds goes to Grid.
    if (prompted) await approveSignIn(extension, passkey);
    const answer = await reply;
    expect(await gridVerdict(grid, passkey, attack.requestId, answer), 'Grid status for the assertion site B received').toBeUndefined();
    expect(prompted, 'an approval window opened for another site’s passkey').toBe(false);
    expect(expectError(answer, 4404)).toEqual(NOT_THIS_SITES_PASSKEY);

    // Site A, which made it, still signs in end to end, and its prompt says whose passkey it is.
    const own = await gridChallenge(grid, passkey);
    const ownReply = ask(page, 'grid_getPasskeyAssertion', { credentialId: passkey.credentialId, challenge: own.challenge });
    await expect((await promptPage(extension, SIGN_IN)).locator('.notice')).toHaveText('This browser created this passkey for this site.');
    await approveSignIn(extension, passkey);
    const signedIn = await ownReply;
    expect(await gridVerdict(grid, passkey, own.requestId, signedIn)).toBe(200);
    // The handle on the authenticator is the extension's, not the page's user.id.
    expect(passkey.held[0]!.userHandle).not.toBe(Buffer.from(PAGE_USER.id, 'base64url').toString('base64'));
    expect(resultOf(signedIn).assertion.userHandle).toBe(Buffer.from(passkey.held[0]!.userHandle!, 'base64').toString('base64url'));
  });

  test('a passkey this browser does not know (as if synced) that belongs to another site is refused after the ceremony; its own site signs in with it', async ({
    extension,
    page,
  }) => {
    const passkey = await registerAtGrid(extension, page, grid);
    // A disconnects: this browser forgets it made the passkey, exactly as if it had been synced from another browser.
    resultOf(await ask(page, 'wallet_disconnect'));

    const attack = await gridChallenge(grid, passkey);
    const reply = ask(other, 'grid_getPasskeyAssertion', { credentialId: passkey.credentialId, challenge: attack.challenge });
    const prompt = await promptPage(extension, SIGN_IN);
    await expect(prompt.getByText('Not created in this browser')).toBeVisible();
    // The prompt's words are true: the authenticator may well have it, and only its own site gets it.
    await expect(prompt.locator('.notice')).toContainText('used only if it was created for this site');
    // A second request keeps the window open, so the person sees why nothing was given to the site.
    const queued = ask(other, 'grid_getPasskeyAssertion', {
      credentialId: randomBytes(16).toString('base64url'),
      challenge: attack.challenge,
    });
    await expect(prompt.getByText('1 of 2')).toBeVisible();
    await attachAuthenticator(prompt, passkey.held);
    await press(prompt, 'Approve');
    const answer = await reply;
    expect(await gridVerdict(grid, passkey, attack.requestId, answer), 'Grid status for the assertion site B received').toBeUndefined();
    expect(expectError(answer, 4404)).toEqual(NOT_THIS_SITES_PASSKEY);
    await expect(prompt.getByRole('alert').filter({ hasText: 'That passkey' })).toHaveText(
      'That passkey was not created for this site, so the site did not get it.',
    );
    await press(prompt, 'Reject');
    expectError(await queued, 4001);

    await connect(extension, page);
    const own = await gridChallenge(grid, passkey);
    expect(await gridVerdict(grid, passkey, own.requestId, await signIn(extension, page, passkey, own.challenge))).toBe(200);
  });

  test('a site at an IP address gets no passkey ceremony: 4200 without a prompt, and 4404 for a passkey made for another site', async ({
    extension,
    page,
    site,
  }) => {
    const passkey = await registerAtGrid(extension, page, grid);
    const ip = await openSite(extension, site.otherOrigin);
    try {
      await connect(extension, ip);
      const attack = await gridChallenge(grid, passkey);
      const replies = await Promise.all([
        ask(ip, 'grid_getPasskeyAssertion', { credentialId: passkey.credentialId, challenge: attack.challenge }),
        ask(ip, 'grid_getPasskeyAssertion', { credentialId: randomBytes(16).toString('base64url'), challenge: attack.challenge }),
        ask(ip, 'grid_registerPasskey', { accountId: ACCOUNT_ID, nickname: 'k', challenge: 'AAAA', user: PAGE_USER }),
      ]);
      expect(expectError(replies[0]!, 4404)).toEqual(NOT_THIS_SITES_PASSKEY);
      for (const reply of replies.slice(1)) {
        expect(expectError(reply, 4200).message).toBe('Passkeys need a site with a domain name (https, or http://localhost)');
      }
      // All three were answered at once: no approval window was opened for them.
      expect(extension.context.pages().filter((p) => p.url().startsWith(APPROVAL_PAGE))).toEqual([]);
    } finally {
      await ip.close();
    }
  });

  test("a script in the site's own page running WebAuthn itself, with the customer's passkey, gets an assertion Grid refuses for its origin", async ({
    extension,
    page,
  }) => {
    const passkey = await registerAtGrid(extension, page, grid);
    const attack = await gridChallenge(grid, passkey);
    // Same RP ID (localhost), same credential: only clientDataJSON.origin tells it from the extension's.
    await page.bringToFront();
    await attachAuthenticator(page, passkey.held);
    const assertion = await page.evaluate(
      async ([credentialId, challenge]) => {
        const b64 = (buffer: ArrayBuffer) =>
          btoa(String.fromCharCode(...new Uint8Array(buffer)))
            .replace(/\+/g, '-')
            .replace(/\//g, '_')
            .replace(/=+$/, '');
        const id = Uint8Array.from(atob(credentialId.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
        const credential = (await navigator.credentials.get({
          publicKey: {
            challenge: new TextEncoder().encode(challenge),
            rpId: 'localhost',
            allowCredentials: [{ type: 'public-key', id }],
            userVerification: 'required',
          },
        })) as PublicKeyCredential;
        const response = credential.response as AuthenticatorAssertionResponse;
        return {
          credentialId: b64(credential.rawId),
          clientDataJson: b64(response.clientDataJSON),
          authenticatorData: b64(response.authenticatorData),
          signature: b64(response.signature),
          userHandle: b64(response.userHandle!),
        };
      },
      [passkey.credentialId, attack.challenge] as const,
    );
    expect(JSON.parse(Buffer.from(assertion.clientDataJson, 'base64url').toString()).origin).toBe(new URL(page.url()).origin);
    expect(await gridVerdict(grid, passkey, attack.requestId, { result: { assertion } })).toBe(401);
  });
});
