import { verifyGridStamp } from './support/independent.ts';
import { expect, test, walletCall } from './support/extension.ts';
import { PAYMENT } from './approvals/payloads.ts';
import { signWithGrant } from './support/grants.ts';
import { dumpStores } from './support/storeDump.ts';
import { ACCOUNT_ID, connect, inMinutes, resultOf } from './support/wallet.ts';

/** Issue 5's abuse tests: hostile input changes nothing; concurrency loses and duplicates nothing. */

async function openSession(page: import('@playwright/test').Page) {
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  return resultOf(await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }));
}

test('10,000 malformed and hostile messages: every request answered once, stores unchanged, wallet still works', async ({ extension, site }) => {
  test.setTimeout(180_000);
  const page = await extension.context.newPage();
  await page.goto(`${site.origin}/fuzz.html`);
  await page.waitForFunction(() => 'gridWallet' in window);
  await connect(extension, page);
  const session = await openSession(page);
  await walletCall(page, 'grid_createClientKey');
  const worker = await extension.serviceWorker();
  const before = await dumpStores(worker);

  const outcome = await page.evaluate(() => (window as any).runFuzz(20261125, 10_000));
  console.log(`fuzz: ${JSON.stringify(outcome)}`);
  expect(outcome.sent).toBeGreaterThan(5_000);
  expect(outcome.answered).toBe(outcome.sent);
  expect(outcome.duplicates).toBe(0);
  expect(outcome.polluted).toBe(false);

  const after = await dumpStores(worker);
  expect(after.text).toBe(before.text);
  expect(extension.context.pages().some((p) => p.url().includes('approval.html'))).toBe(false);
  // Still answers a normal request.
  expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([session]);
  await page.close();
});

test('200 concurrent signatures under a signing grant: all valid, none lost, none duplicated', async ({ extension, page }) => {
  await connect(extension, page);
  const session = await openSession(page);
  await verifyGridStamp(resultOf(await signWithGrant(extension, page, session.sessionId)).signature, PAYMENT);

  const payloads = Array.from({ length: 200 }, (_, i) => `{"n":${i},"type":"ACTIVITY_TYPE_DELETE_API_KEYS"}`);
  const replies = await page.evaluate(
    ([sessionId, payloads]) =>
      Promise.all(
        payloads.map((payloadToSign) =>
          (window as any).gridWallet.request({ method: 'grid_signPayload', params: { sessionId, payloadToSign } }).then(
            (result: unknown) => ({ result }),
            (error: any) => ({ error: error.code }),
          ),
        ),
      ),
    [session.sessionId, payloads] as const,
  );
  expect(replies).toHaveLength(200);
  const signatures: string[] = [];
  for (const [i, reply] of replies.entries()) {
    const { signature, publicKey } = resultOf(reply);
    expect(publicKey).toBe(session.publicKey);
    expect((await verifyGridStamp(signature, payloads[i]!)).publicKey).toBe(session.publicKey);
    signatures.push(signature);
  }
  expect(new Set(signatures).size).toBe(200);
  // Each signature is over its own payload, not a neighbour's.
  await expect(verifyGridStamp(signatures[0]!, payloads[1]!)).rejects.toThrow();
});

test('a service-worker stop between client key and session loses nothing', async ({ extension, page }) => {
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  await extension.stopServiceWorker();
  const session = resultOf(await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }));
  expect(session.publicKey).toBe(clientKey.compressedPublicKey);
  await extension.stopServiceWorker();
  expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: true, sessions: [session] });
});
