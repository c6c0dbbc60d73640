import { expect, openToolbar, test } from './support/approvals.ts';
import { walletCall } from './support/extension.ts';
import { signWithGrant } from './support/grants.ts';
import { verifyGridStamp } from '../test-support/independent.ts';
import { ACCOUNT_ID, connect, expectError, inMinutes, resultOf } from './support/wallet.ts';
import { PAYMENT } from './approvals/payloads.ts';

/** Storage trouble in the real browser (docs/architecture.md §4): a clear answer, a note in the toolbar, nothing else harmed. */

test('a damaged session record: the page gets a clear error, the toolbar a note and a "!" badge; other sessions still sign', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  const open = async () => {
    const key = resultOf(await walletCall(page, 'grid_createClientKey'));
    return resultOf(
      await walletCall(page, 'grid_openSession', { clientKeyId: key.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }),
    );
  };
  const damaged = await open();
  const healthy = await open();
  resultOf(await signWithGrant(extension, page, healthy.sessionId)); // later signatures need no prompt

  // The record loses its key, as a damaged profile would; a worker stop drops what the worker remembered of it.
  await (await extension.serviceWorker()).evaluate(async (sessionId) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('grid-wallet');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const store = db.transaction('sessions', 'readwrite').objectStore('sessions');
    const [record] = await new Promise<any[]>((resolve) => {
      const all = store.getAll();
      all.onsuccess = () => resolve(all.result.filter((r: { sessionId: string }) => r.sessionId === sessionId));
    });
    await new Promise((resolve) => {
      store.put({ ...record, signingKey: 'lost' }).onsuccess = resolve;
    });
    db.close();
  }, damaged.sessionId);
  await extension.stopServiceWorker();

  const error = expectError(await walletCall(page, 'grid_signPayload', { sessionId: damaged.sessionId, payloadToSign: PAYMENT }), -32603);
  expect(error).toEqual({
    code: -32603,
    message: expect.stringMatching(/damaged.*nothing was signed/),
    data: { reason: 'damaged-record' },
  });
  const signed = resultOf(await walletCall(page, 'grid_signPayload', { sessionId: healthy.sessionId, payloadToSign: PAYMENT }));
  expect((await verifyGridStamp(signed.signature, PAYMENT)).publicKey).toBe(healthy.publicKey);

  const worker = await extension.serviceWorker();
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
  const toolbar = await openToolbar(extension);
  const note = toolbar.getByRole('region', { name: 'The wallet could not use its storage' });
  await expect(note).toContainText('A stored record was damaged and was not used');
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toBeHidden();
  await expect.poll(() => worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  await toolbar.close();
});
