import { verifyGridStamp } from '../test-support/independent.ts';
import { holdWritesAfterNextCommit, killBrowser } from './support/crash.ts';
import { internalCall, openSite, TOOLBAR_PAGE } from './support/approvals.ts';
import { expect, type Extension, openExtension, test, walletCall } from './support/extension.ts';
import { dumpStores } from './support/storeDump.ts';
import { ACCOUNT_ID, callWithApproval, connect, inMinutes, resultOf } from './support/wallet.ts';
import { PAYMENT } from './approvals/payloads.ts';
import { folderPerTest } from './support/folderPerTest.ts';

/**
 * The browser is killed (SIGKILL) at the worst moments and restarted on the same
 * profile: nothing the wallet answered is lost, nothing is half-written, no prompt
 * is stuck, and the wallet works (docs/architecture.md §4, "Atomic writes").
 */

const profile = folderPerTest('crash');

/** After a restart: the queue lists no approval, the toolbar badge counts none, and no approval window is open. */
async function expectNoStuckPrompt(extension: Extension): Promise<void> {
  // Asked of the background, as the window and the toolbar ask it: where the queue keeps its items is its own business.
  const toolbar = await extension.context.newPage();
  await toolbar.goto(TOOLBAR_PAGE);
  expect(resultOf(await internalCall(toolbar, 'approvals/list'))).toEqual([]);
  await toolbar.close();
  const worker = await extension.serviceWorker();
  expect(await worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
  expect(extension.context.pages().some((p) => p.url().includes('approval.html'))).toBe(false);
}

test('killed while a prompt waits and an activity batch is pending: after the restart the session signs and no prompt is stuck', async ({
  site,
}) => {
  let extension = await openExtension(profile());
  let page = await openSite(extension, site.origin);
  await connect(extension, page);
  const key = resultOf(await walletCall(page, 'grid_createClientKey'));
  const session = resultOf(
    await walletCall(page, 'grid_openSession', { clientKeyId: key.clientKeyId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) }),
  );
  // A prompt waits; the session's activity entry may still sit in its 25 ms batch.
  void walletCall(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT }).catch(() => undefined);
  await extension.approvalWindow();
  await killBrowser(extension, profile());

  extension = await openExtension(profile());
  try {
    page = await openSite(extension, site.origin);
    expect(resultOf(await walletCall(page, 'wallet_status'))).toMatchObject({ connected: true, sessions: [session] });
    await expectNoStuckPrompt(extension);
    const signed = resultOf(
      await callWithApproval(extension, page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT }),
    );
    expect((await verifyGridStamp(signed.signature, PAYMENT)).publicKey).toBe(session.publicKey);
  } finally {
    await extension.context.close();
  }
});

/** Compressed SEC1 hex of an uncompressed public key as the store dump writes it (`{ bytes }`). */
const compressed = ({ bytes }: { bytes: number[] }) => Buffer.from([bytes[64]! & 1 ? 3 : 2, ...bytes.slice(1, 33)]).toString('hex');

test('killed in the middle of opening a session: the first write it commits holds its session and its spent key together; sessions answered before are kept', async ({
  site,
}) => {
  let extension = await openExtension(profile());
  let page = await openSite(extension, site.origin);
  await connect(extension, page);
  const openSession = async (clientKeyId: string, sessionId: string) =>
    walletCall(page, 'grid_openSession', { clientKeyId, sessionId, accountId: ACCOUNT_ID, expiresAt: inMinutes(30) });
  const answered = [];
  for (const sessionId of ['session-1', 'session-2']) {
    const key = resultOf(await walletCall(page, 'grid_createClientKey'));
    answered.push(resultOf(await openSession(key.clientKeyId, sessionId)));
  }
  const key = resultOf(await walletCall(page, 'grid_createClientKey'));
  // The kill lands right after the open's first commit, with every later write held: a session open written in two
  // transactions (the key spent in one, the session stored in the next) is caught with only the first done.
  const committed = await holdWritesAfterNextCommit(extension, ['sessions', 'clientKeys']);
  void openSession(key.clientKeyId, 'session-3').catch(() => undefined);
  console.log(`crash while opening: killed after a commit to ${(await committed()).join(', ')}`);
  await killBrowser(extension, profile());

  extension = await openExtension(profile());
  try {
    const stores = JSON.parse((await dumpStores(extension)).text);
    const sessions: Array<{ sessionId: string; publicKeyHex: string }> = stores['idb:grid-wallet/sessions'];
    const clientKeys: Array<{ keys: unknown; publicKey: { bytes: number[] } }> = stores['idb:grid-wallet/clientKeys'];
    const spent = clientKeys.filter((k) => k.keys === null).map((k) => compressed(k.publicKey));
    expect(spent.sort(), "the spent client keys are exactly the stored sessions' keys").toEqual(sessions.map((s) => s.publicKeyHex).sort());
    // The open committed whole before the kill: its session is there, although the page never had the answer.
    expect(sessions.map((s) => s.sessionId).sort()).toEqual(['session-1', 'session-2', 'session-3']);
    page = await openSite(extension, site.origin);
    const listed = resultOf(await walletCall(page, 'grid_listSessions'));
    expect(listed).toEqual(expect.arrayContaining(answered));
    const opened = listed.find((s: { sessionId: string }) => s.sessionId === 'session-3');
    expect(opened.publicKey).toBe(key.compressedPublicKey);
    const signed = resultOf(
      await callWithApproval(extension, page, 'grid_signPayload', { sessionId: opened.sessionId, payloadToSign: PAYMENT }),
    );
    expect((await verifyGridStamp(signed.signature, PAYMENT)).publicKey).toBe(opened.publicKey);
  } finally {
    await extension.context.close();
  }
});
