import { verifyGridStamp } from '../test-support/independent.ts';
import { expect, test, walletCall } from './support/extension.ts';
import { PAYMENT, paymentNumber } from './approvals/payloads.ts';
import { signWithGrant } from './support/grants.ts';
import { dumpStores } from './support/storeDump.ts';
import { ACCOUNT_ID, connect, inMinutes, resultOf } from './support/wallet.ts';

/** Abuse tests: hostile input changes nothing; concurrency loses and duplicates nothing. */

async function openSession(page: import('@playwright/test').Page) {
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  return resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }),
  );
}

test('10,000 malformed and hostile messages: every request answered once, stores unchanged, wallet still works', async ({
  extension,
  site,
}) => {
  test.setTimeout(180_000);
  const page = await extension.context.newPage();
  await page.goto(`${site.origin}/fuzz.html`);
  await page.waitForFunction(() => 'gridWallet' in window);
  await connect(extension, page);
  const session = await openSession(page);
  await walletCall(page, 'grid_createClientKey');
  const before = await dumpStores(extension);

  const outcome = await page.evaluate(() => (window as any).runFuzz(20261125, 10_000));
  console.log(`fuzz: ${JSON.stringify(outcome)}`);
  expect(outcome.sent).toBeGreaterThan(5_000);
  expect(outcome.answered).toBe(outcome.sent);
  expect(outcome.duplicates).toBe(0);
  expect(outcome.polluted).toBe(false);

  const after = await dumpStores(extension);
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

  const payloads = Array.from({ length: 200 }, (_, i) => paymentNumber(i));
  expect(new Set(payloads).size).toBe(200);
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
  const session = resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: clientKey.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }),
  );
  expect(session.publicKey).toBe(clientKey.compressedPublicKey);
  await extension.stopServiceWorker();
  expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: true, sessions: [session] });
});

test('the service worker stops with requests in flight: every id is answered exactly once, with its own signature', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  const session = await openSession(page);
  resultOf(await signWithGrant(extension, page, session.sessionId));

  // Raw envelopes with our own ids, so the page can count the answers each id gets.
  await page.evaluate(
    ([sessionId, payment]) => {
      const w = window as any;
      w.answers = new Map<string, unknown[]>();
      w.sent = [] as string[];
      w.running = true;
      window.addEventListener('message', (event) => {
        if (event.source !== window || event.data?.type !== 'grid-wallet/response') return;
        const list = w.answers.get(event.data.id) ?? [];
        list.push(event.data);
        w.answers.set(event.data.id, list);
        if (w.running && list.length === 1) w.sendOne();
      });
      w.sendOne = () => {
        const n = w.sent.length;
        const id = `stop-${n}`;
        w.sent.push(id);
        const payloadToSign = payment.replace(
          /"unsignedTransaction":"[0-9a-f]+"/,
          `"unsignedTransaction":"${n.toString(16).padStart(64, '0')}"`,
        );
        window.postMessage(
          { type: 'grid-wallet/request', id, method: 'grid_signPayload', params: { sessionId, payloadToSign } },
          location.origin,
        );
      };
      for (let i = 0; i < 32; i++) w.sendOne(); // 32 in flight at all times
    },
    [session.sessionId, PAYMENT] as const,
  );

  const unanswered = () => page.evaluate(() => (window as any).sent.filter((id: string) => !(window as any).answers.has(id)).length);
  await page.waitForFunction(() => (window as any).answers.size >= 100);
  await extension.stopServiceWorker();
  const inFlightAtStop = await unanswered();
  const answeredAtStop = await page.evaluate(() => (window as any).answers.size as number);
  await page.waitForFunction((atStop) => (window as any).answers.size >= atStop + 200, answeredAtStop, { timeout: 30_000 });
  await extension.stopServiceWorker();
  // Keep sending until requests sent across the second stop are answered too.
  const sentAtSecondStop = await page.evaluate(() => (window as any).sent.length as number);
  await page.waitForFunction((n) => (window as any).answers.size > n, sentAtSecondStop, { timeout: 30_000 });
  await page.evaluate(() => ((window as any).running = false));
  await expect.poll(unanswered, { timeout: 30_000 }).toBe(0);

  const { sent, answers } = await page.evaluate(() => ({
    sent: (window as any).sent as string[],
    answers: [...(window as any).answers] as [string, any[]][],
  }));
  console.log(`worker stops: ${sent.length} requests, ${inFlightAtStop} in flight when the first stop completed`);
  expect(inFlightAtStop).toBeGreaterThan(0);
  expect(answers.map(([id]) => id).sort()).toEqual([...sent].sort());
  for (const [id, list] of answers) {
    expect(list, id).toHaveLength(1);
    expect(list[0], `${id}: ${JSON.stringify(list[0])}`).toHaveProperty('result.publicKey', session.publicKey);
  }
  // Each answer carries the signature over its own request's payload.
  for (const [id, [answer]] of answers.filter((_, i) => i % 25 === 0)) {
    expect((await verifyGridStamp(answer.result.signature, paymentNumber(Number(id.slice('stop-'.length))))).publicKey).toBe(
      session.publicKey,
    );
  }
  // A later request's answer instead of a pause: a duplicate still on its way shares the port (first in, first out) and arrives ahead of it.
  resultOf(await walletCall(page, 'wallet_status'));
  expect(await page.evaluate(() => [...(window as any).answers.values()].filter((list: unknown[]) => list.length > 1).length)).toBe(0);
});
