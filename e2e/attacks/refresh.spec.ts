import { signWithGrant } from '../support/grants.ts';
import { walletCall } from '../support/extension.ts';
import { expect, test } from '../support/journey.ts';
import { resultOf } from '../support/wallet.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { gridFromPage, pageMadeKey } from './fromPage.ts';

/**
 * Payloads that would give a key to someone else (docs/security-model.md §3.5), against the emulator: under a one-hour signing grant a
 * connected page asks Grid to refresh its session to a key of the page's own.
 * Grid's 201 would hand the page a session key; the extension must refuse the
 * stamp. Refreshing to a key the extension holds still works under the grant.
 */

test('under a grant, a session refresh to a key the page made is refused and Grid never answers 201; to a key from grid_createClientKey it works', async ({
  extension,
  customer,
}) => {
  await customer.connect();
  await customer.createCustomer();
  const sessionId = await customer.signInWithEmailCode();
  const { page } = customer;
  await signWithGrant(extension, page, sessionId);

  const refresh = (clientPublicKey: string, headers?: Record<string, string>) =>
    gridFromPage(page, 'POST', `/auth/sessions/${encodeURIComponent(sessionId)}/refresh`, { clientPublicKey }, headers);

  // The attack: a key made in page JavaScript as the refresh's target.
  const pageKey = await pageMadeKey(page);
  const challenge = await refresh(pageKey);
  expect(challenge.status).toBe(202);
  const stolen = await answerOrPrompt(
    extension,
    walletCall(page, 'grid_signPayload', { sessionId, payloadToSign: challenge.body.payloadToSign }),
  );
  expect(stolen).toMatchObject({ error: { code: 4100, message: expect.stringMatching(/key of its own/) } });
  const signature = stolen !== 'pending' && 'result' in stolen ? (stolen.result.signature as string) : undefined;
  const retried = await refresh(pageKey, {
    'Request-Id': challenge.body.requestId,
    ...(signature && { 'Grid-Wallet-Signature': signature }),
  });
  expect(retried.status).not.toBe(201);
  expect(await customer.gridSessionIds()).toEqual([sessionId]);

  // The same refresh to a key the extension holds for this site: signed under the grant, and Grid answers 201.
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const ours = await refresh(clientKey.compressedPublicKey);
  expect(ours.status).toBe(202);
  const signed = await answerOrPrompt(
    extension,
    walletCall(page, 'grid_signPayload', { sessionId, payloadToSign: ours.body.payloadToSign }),
  );
  const stamp = resultOf(signed as Exclude<typeof signed, 'pending'>).signature as string;
  const created = await refresh(clientKey.compressedPublicKey, { 'Grid-Wallet-Signature': stamp, 'Request-Id': ours.body.requestId });
  expect(created.status).toBe(201);
  expect((await customer.gridSessionIds()).sort()).toEqual([sessionId, created.body.id].sort());
});
