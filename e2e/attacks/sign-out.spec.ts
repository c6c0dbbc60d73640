import { press, promptPage } from '../support/approvals.ts';
import { walletCall } from '../support/extension.ts';
import { signWithGrant } from '../support/grants.ts';
import { expect, test } from '../support/journey.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { gridFromPage } from './fromPage.ts';

/**
 * Against the emulator, under a one-hour grant: a session's id in the extension
 * is only the page's label for it. The page refreshes the customer's session to
 * a key the extension holds, forgets the customer's session in the extension and
 * labels the new key with its id, then asks for Grid's sign-out of that id. If a
 * grant covered "its own sign-out", the stamp would come silently and Grid would
 * answer 204: the customer's session revoked with no one asked
 * (docs/security-model.md, 3.4).
 */
test("under a grant, signing out another session through a key labelled with its id prompts; Grid's 204 never comes silently", async ({
  extension,
  customer,
}) => {
  await customer.connect();
  await customer.createCustomer();
  const victim = await customer.signInWithEmailCode();
  const { page } = customer;
  await signWithGrant(extension, page, victim);

  // A refresh to a key the extension holds is signed under the grant (it hands nothing out): Grid issues a new session.
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const refreshPath = `/auth/sessions/${encodeURIComponent(victim)}/refresh`;
  const body = { clientPublicKey: clientKey.compressedPublicKey };
  const challenge = await gridFromPage(page, 'POST', refreshPath, body);
  const refreshStamp = resultOf(
    await walletCall(page, 'grid_signPayload', { sessionId: victim, payloadToSign: challenge.body.payloadToSign }),
  );
  const created = await gridFromPage(page, 'POST', refreshPath, body, {
    'Grid-Wallet-Signature': refreshStamp.signature,
    'Request-Id': challenge.body.requestId,
  });
  expect(created.status).toBe(201);

  // The page forgets the customer's session in the extension and gives the new key its id as a label.
  resultOf(await walletCall(page, 'grid_endSession', { sessionId: victim }));
  resultOf(
    await walletCall(page, 'grid_openSession', {
      clientKeyId: clientKey.clientKeyId,
      accountId: created.body.accountId,
      expiresAt: created.body.expiresAt,
      sessionId: victim,
      ...(created.body.encryptedSessionSigningKey && { encryptedSessionSigningKey: created.body.encryptedSessionSigningKey }),
    }),
  );

  // The attack: Grid's sign-out of the customer's session, stamped by the key that now carries its id.
  const signOutPath = `/auth/sessions/${encodeURIComponent(victim)}`;
  const signOut = await gridFromPage(page, 'DELETE', signOutPath);
  expect(signOut.status).toBe(202);
  const reply = walletCall(page, 'grid_signPayload', { sessionId: victim, payloadToSign: signOut.body.payloadToSign });
  const settled = await answerOrPrompt(extension, reply);
  if (settled !== 'pending' && 'result' in settled) {
    const revoked = await gridFromPage(page, 'DELETE', signOutPath, undefined, {
      'Grid-Wallet-Signature': settled.result.signature as string,
      'Request-Id': signOut.body.requestId,
    });
    expect(revoked.status, 'Grid revoked the session on a stamp no one was asked for').not.toBe(204);
  }
  expect(settled).toBe('pending');

  // It asks, offers no grant, and nothing happens at Grid until the customer answers.
  const prompt = await promptPage(extension, 'Sign out a session');
  await expect(prompt.getByRole('radio')).toHaveCount(0);
  await press(prompt, 'Reject');
  expectError(await reply, 4001);
  expect(await customer.gridSessionIds()).toContain(victim);
});
