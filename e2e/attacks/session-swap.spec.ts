import { walletCall } from '../support/extension.ts';
import { verifyGridStamp } from '../../test-support/independent.ts';
import { ACCOUNT_ID, expectError, inMinutes, resultOf } from '../support/wallet.ts';
import { ask, expect, openSession, press, promptPage, SESSION, test } from '../support/approvals.ts';
import { PAYMENT, PAYMENT_TITLE } from '../approvals/payloads.ts';

/**
 * Prompt integrity (docs/security-model.md §3.10): the key behind an open prompt must not change. A page that
 * reopens the prompt's sessionId with another key must not get a stamp from
 * that key: the stamp comes from the key the prompt showed, or not at all.
 */

async function reopen(page: import('@playwright/test').Page, sessionId: string) {
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  return walletCall(page, 'grid_openSession', {
    clientKeyId: clientKey.clientKeyId,
    accountId: ACCOUNT_ID,
    expiresAt: inMinutes(15),
    ...SESSION,
    sessionId,
  });
}

test('grid_openSession with a sessionId this site already holds under another key is refused (-32602 sessionId); the stamp is the shown key', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const prompt = await promptPage(extension, PAYMENT_TITLE);

  const swap = expectError(await reopen(page, session.sessionId), -32602);
  expect(swap.data).toEqual({ field: 'params.sessionId' });
  await press(prompt, 'Approve');
  const { signature, publicKey } = resultOf(await reply);
  expect(publicKey).toBe(session.publicKey);
  expect((await verifyGridStamp(signature, PAYMENT)).publicKey).toBe(session.publicKey);
});

test('ending the session and reopening its id with a new key while the prompt waits: approving signs nothing (4404 replaced)', async ({
  extension,
  page,
}) => {
  const session = await openSession(extension, page);
  const reply = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT });
  const prompt = await promptPage(extension, PAYMENT_TITLE);

  expect(resultOf(await walletCall(page, 'grid_endSession', { sessionId: session.sessionId }))).toBeNull();
  const swapped = resultOf(await reopen(page, session.sessionId));
  expect(swapped.publicKey).not.toBe(session.publicKey);
  await press(prompt, 'Approve');
  const error = expectError(await reply, 4404);
  expect(error.data).toEqual({ reason: 'replaced' });
});
