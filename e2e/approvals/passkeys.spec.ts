import { randomBytes } from 'node:crypto';
import { verifyRegistrationResponse } from '@simplewebauthn/server';
import { passkeyUserHandle } from '@grid-wallet/core/passkeyUser';
import { EXTENSION_ORIGIN, type Extension } from '../support/extension.ts';
import { verifyPasskeyAssertion, verifyPasskeyRegistration } from '../../test-support/independent.ts';
import { ACCOUNT_ID, connect, expectError, resultOf } from '../support/wallet.ts';
import { ask, expect, press, promptPage, test } from '../support/approvals.ts';
import { attachAuthenticator, type VirtualCredential } from '../../packages/playwright/src/virtualAuthenticator.ts';
import type { Page } from '@playwright/test';

/**
 * Passkeys (docs/architecture.md §6): the ceremonies run in the approval window, an extension
 * page, which claims the site's registrable domain as RP ID (here `localhost`); the browser
 * writes the extension's origin into clientDataJSON. Passkeys made before site RP IDs keep
 * the extension's origin as RP ID. Every result is checked by @simplewebauthn/server, not by our code.
 */

const USER = { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' };

/** Asks for a passkey registration and approves it with a virtual authenticator holding `credentials`. */
async function register(extension: Extension, page: Page, challenge: string, credentials: VirtualCredential[] = [], rp?: object) {
  const reply = ask(page, 'grid_registerPasskey', { accountId: ACCOUNT_ID, nickname: 'Work laptop', challenge, user: USER, rp });
  const prompt = await promptPage(extension, 'Create a passkey');
  const authenticator = await attachAuthenticator(prompt, credentials);
  await press(prompt, 'Approve');
  return { reply, prompt, authenticator };
}

/** Asks `page` for an assertion with the passkey and approves it with an authenticator holding `credentials`. */
async function assert(extension: Extension, page: Page, credentialId: string, challengeHex: string, credentials: VirtualCredential[]) {
  const reply = ask(page, 'grid_getPasskeyAssertion', { credentialId, challenge: challengeHex });
  const prompt = await promptPage(extension, 'Sign in with your passkey');
  // The window remembers which passkeys this browser created, per site and account.
  await expect(prompt.getByRole('definition').filter({ hasText: 'Work laptop' })).toBeVisible();
  await attachAuthenticator(prompt, credentials);
  await press(prompt, 'Approve');
  return resultOf(await reply).assertion;
}

test("registration and assertion verify independently with the site's domain as RP ID and the extension's origin; the page's rp.id is ignored", async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  const challenge = randomBytes(32).toString('base64url');
  const { reply, authenticator } = await register(extension, page, challenge, [], { id: 'example.com', name: 'Acme' });
  const registration = resultOf(await reply);
  expect(registration).toMatchObject({ nickname: 'Work laptop', challenge });

  const { attestation } = registration;
  const registered = await verifyPasskeyRegistration(attestation, challenge, { origin: EXTENSION_ORIGIN, rpId: 'localhost' });
  expect(registered.verified).toBe(true);
  expect(registered.registrationInfo!.userVerified).toBe(true);
  expect(registered.registrationInfo!.credential.id).toBe(attestation.credentialId);
  expect(attestation.transports).toContain('internal');
  const credentials = authenticator.created;
  expect(credentials.map((c) => c.rpId)).toEqual(['localhost']);

  const challengeHex = randomBytes(32).toString('hex');
  const assertion = await assert(extension, page, attestation.credentialId, challengeHex, credentials);
  const authenticated = await verifyPasskeyAssertion(
    assertion,
    challengeHex,
    { origin: EXTENSION_ORIGIN, rpId: 'localhost' },
    registered.registrationInfo!.credential,
  );
  expect(authenticated.verified).toBe(true);
  expect(authenticated.authenticationInfo.userVerified).toBe(true);
});

test("a passkey made before site RP IDs (the extension's origin as RP ID) still signs in under that RP ID", async ({
  extension,
  extensionPage,
  page,
}) => {
  await connect(extension, page);
  const origin = new URL(page.url()).origin;
  // What the earlier build did: create in an extension page with no rp.id, under the extension's user handle for the site.
  const authenticator = await attachAuthenticator(extensionPage);
  await extensionPage.bringToFront(); // WebAuthn wants the focused page
  const challenge = randomBytes(32);
  const userHandle = await passkeyUserHandle(origin, ACCOUNT_ID);
  const attestation = await extensionPage.evaluate(
    async ([challenge, userHandle]) => {
      const b64 = (buffer: ArrayBuffer) =>
        btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/\+/g, '-')
          .replace(/\//g, '_')
          .replace(/=+$/, '');
      const credential = (await navigator.credentials.create({
        publicKey: {
          challenge: new Uint8Array(challenge),
          rp: { name: 'Grid Wallet' },
          user: { id: new Uint8Array(userHandle), name: 'ada@example.com', displayName: 'Ada' },
          pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
          authenticatorSelection: { userVerification: 'required', residentKey: 'required' },
        },
      })) as PublicKeyCredential;
      const response = credential.response as AuthenticatorAttestationResponse;
      return { id: credential.id, clientDataJSON: b64(response.clientDataJSON), attestationObject: b64(response.attestationObject) };
    },
    [[...challenge], [...userHandle]] as const,
  );
  const registered = await verifyRegistrationResponse({
    response: { id: attestation.id, rawId: attestation.id, type: 'public-key', response: attestation, clientExtensionResults: {} },
    expectedChallenge: challenge.toString('base64url'),
    expectedOrigin: EXTENSION_ORIGIN,
    expectedRPID: EXTENSION_ORIGIN,
    requireUserVerification: true,
  });
  // Its record as the earlier build wrote it: no rpId.
  await (await extension.serviceWorker()).evaluate(
    (record) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('grid-wallet');
        open.onsuccess = () => {
          const tx = open.result.transaction('passkeys', 'readwrite');
          tx.objectStore('passkeys').put(record);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
      }),
    { origin, credentialId: attestation.id, accountId: ACCOUNT_ID, nickname: 'Work laptop', createdAt: Date.now() },
  );

  const challengeHex = randomBytes(32).toString('hex');
  const assertion = await assert(extension, page, attestation.id, challengeHex, authenticator.created);
  const authenticated = await verifyPasskeyAssertion(
    assertion,
    challengeHex,
    { origin: EXTENSION_ORIGIN, rpId: EXTENSION_ORIGIN },
    registered.registrationInfo!.credential,
  );
  expect(authenticated.verified).toBe(true);
});

test('a second passkey for the same account is refused by the authenticator that already holds one (excludeCredentials)', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  const first = await register(extension, page, randomBytes(32).toString('base64url'));
  resultOf(await first.reply);
  const credentials = first.authenticator.created;

  const second = await register(extension, page, randomBytes(32).toString('base64url'), credentials);
  await expect(second.prompt.getByRole('alert')).toHaveText('This authenticator already has a passkey for this account.');
  await press(second.prompt, 'Reject');
  expectError(await second.reply, 4001);
});

test('a passkey this browser did not create is flagged; Reject answers 4001', async ({ extension, page }) => {
  await connect(extension, page);
  const reply = ask(page, 'grid_getPasskeyAssertion', { credentialId: randomBytes(16).toString('base64url'), challenge: 'ab'.repeat(32) });
  const prompt = await promptPage(extension, 'Sign in with your passkey');
  await expect(prompt.getByText('Not created in this browser')).toBeVisible();
  await expect(prompt.getByText('This browser did not create this passkey')).toBeVisible();
  await press(prompt, 'Reject');
  expectError(await reply, 4001);
});
