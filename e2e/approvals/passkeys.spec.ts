import { randomBytes } from 'node:crypto';
import { verifyAuthenticationResponse, verifyRegistrationResponse } from '@simplewebauthn/server';
import { EXTENSION_ORIGIN, type Extension } from '../support/extension.ts';
import { ACCOUNT_ID, connect, expectError, resultOf } from '../support/wallet.ts';
import { ask, expect, press, promptPage, test } from '../support/approvals.ts';
import { attachAuthenticator, type VirtualCredential } from '../../packages/playwright/src/virtualAuthenticator.ts';
import type { Page } from '@playwright/test';

/**
 * Passkeys (docs/architecture.md §6): the ceremonies run in the approval window, an extension
 * page, so the relying party is the extension's whole origin. Every result is
 * checked by @simplewebauthn/server, not by our code.
 */

const USER = { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' };
const ES256 = -7;

/** Asks for a passkey registration and approves it with a virtual authenticator holding `credentials`. */
async function register(extension: Extension, page: Page, challenge: string, credentials: VirtualCredential[] = []) {
  const reply = ask(page, 'grid_registerPasskey', { accountId: ACCOUNT_ID, nickname: 'Work laptop', challenge, user: USER });
  const prompt = await promptPage(extension, 'Create a passkey');
  const authenticator = await attachAuthenticator(prompt, credentials);
  await press(prompt, 'Approve');
  return { reply, prompt, authenticator };
}

test('registration and assertion verify independently against the extension origin as RP ID', async ({ extension, page }) => {
  await connect(extension, page);
  const challenge = randomBytes(32).toString('base64url');
  const { reply, authenticator } = await register(extension, page, challenge);
  const registration = resultOf(await reply);
  expect(registration).toMatchObject({ nickname: 'Work laptop', challenge });

  const { attestation } = registration;
  const registered = await verifyRegistrationResponse({
    response: {
      id: attestation.credentialId,
      rawId: attestation.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: attestation.clientDataJson,
        attestationObject: attestation.attestationObject,
        transports: attestation.transports,
      },
      clientExtensionResults: {},
    },
    expectedChallenge: challenge,
    expectedOrigin: EXTENSION_ORIGIN,
    expectedRPID: EXTENSION_ORIGIN,
    requireUserVerification: true,
    supportedAlgorithmIDs: [ES256],
  });
  expect(registered.verified).toBe(true);
  expect(registered.registrationInfo!.userVerified).toBe(true);
  expect(registered.registrationInfo!.credential.id).toBe(attestation.credentialId);
  expect(attestation.transports).toContain('internal');
  const credentials = authenticator.created;
  expect(credentials).toHaveLength(1);

  // Grid's assertion challenge is a hex string; its UTF-8 bytes are the WebAuthn challenge.
  const challengeHex = randomBytes(32).toString('hex');
  const assertionReply = ask(page, 'grid_getPasskeyAssertion', { credentialId: attestation.credentialId, challenge: challengeHex });
  const prompt = await promptPage(extension, 'Sign in with your passkey');
  // The window remembers which passkeys this browser created, per site and account.
  await expect(prompt.getByRole('definition').filter({ hasText: 'Work laptop' })).toBeVisible();
  await attachAuthenticator(prompt, credentials);
  await press(prompt, 'Approve');
  const { assertion } = resultOf(await assertionReply);

  const authenticated = await verifyAuthenticationResponse({
    response: {
      id: assertion.credentialId,
      rawId: assertion.credentialId,
      type: 'public-key',
      response: {
        clientDataJSON: assertion.clientDataJson,
        authenticatorData: assertion.authenticatorData,
        signature: assertion.signature,
        ...(assertion.userHandle && { userHandle: assertion.userHandle }),
      },
      clientExtensionResults: {},
    },
    expectedChallenge: Buffer.from(challengeHex, 'utf8').toString('base64url'),
    expectedOrigin: EXTENSION_ORIGIN,
    expectedRPID: EXTENSION_ORIGIN,
    credential: registered.registrationInfo!.credential,
    requireUserVerification: true,
  });
  expect(authenticated.verified).toBe(true);
  expect(authenticated.authenticationInfo.userVerified).toBe(true);
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
