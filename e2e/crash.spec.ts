import { verifyGridStamp } from './support/independent.ts';
import { killBrowser } from './support/crash.ts';
import { openSite } from './support/approvals.ts';
import { expect, type Extension, openExtension, test, walletCall } from './support/extension.ts';
import { dumpStores } from './support/storeDump.ts';
import { ACCOUNT_ID, callWithApproval, connect, inMinutes, resultOf } from './support/wallet.ts';
import { PAYMENT } from './approvals/payloads.ts';
import { APPROVAL_KEY_PREFIX } from '../src/extension-protocol/pendingApprovals.ts';
import { folderPerTest } from './support/folderPerTest.ts';

/**
 * The browser is killed (SIGKILL) at the worst moments and restarted on the same
 * profile: nothing the wallet answered is lost, nothing is half-written, no prompt
 * is stuck, and the wallet works (docs/architecture.md §4, "Atomic writes").
 */

const profile = folderPerTest('crash');

/** After a restart: no approval waits and the toolbar badge counts none. */
async function expectNoStuckPrompt(extension: Extension): Promise<void> {
  const worker = await extension.serviceWorker();
  const waiting = await worker.evaluate(
    async (prefix) => Object.keys(await chrome.storage.session.get(null)).filter((key) => key.startsWith(prefix)),
    APPROVAL_KEY_PREFIX,
  );
  expect(waiting).toEqual([]);
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

test('killed while sessions are being opened: every session the page was given is kept, and no client key is spent without its session', async ({
  site,
}) => {
  let extension = await openExtension(profile());
  const page = await openSite(extension, site.origin);
  await connect(extension, page);
  // 16 at a time, each a client key and then a session on it, until the browser dies.
  await page.evaluate((accountId) => {
    const w = window as any;
    w.opened = [] as string[];
    const openOne = async (): Promise<void> => {
      const { clientKeyId } = await w.gridWallet.request({ method: 'grid_createClientKey' });
      const expiresAt = new Date(Date.now() + 30 * 60_000).toISOString();
      const session = await w.gridWallet.request({ method: 'grid_openSession', params: { clientKeyId, accountId, expiresAt } });
      w.opened.push(session.sessionId);
      return openOne();
    };
    for (let i = 0; i < 16; i++) void openOne().catch(() => undefined);
  }, ACCOUNT_ID);
  await page.waitForFunction(() => (window as any).opened.length >= 40);
  const answered: string[] = await page.evaluate(() => [...(window as any).opened]);
  await killBrowser(extension, profile());

  extension = await openExtension(profile());
  try {
    const stores = JSON.parse((await dumpStores(extension)).text);
    const sessions: Array<{ sessionId: string; publicKeyHex: string }> = stores['idb:grid-wallet/sessions'];
    const clientKeys: Array<{ keys: unknown; publicKey: { bytes: number[] } }> = stores['idb:grid-wallet/clientKeys'];
    const sessionKeys = new Set(sessions.map((s) => s.publicKeyHex));
    const spent = clientKeys.filter((k) => k.keys === null).map((k) => compressed(k.publicKey));
    console.log(
      `crash while opening: ${answered.length} answered before the kill, ${sessions.length} sessions and ${spent.length} spent keys after`,
    );
    expect(sessions.map((s) => s.sessionId)).toEqual(expect.arrayContaining(answered));
    expect(
      spent.filter((key) => !sessionKeys.has(key)),
      'client keys spent without their session',
    ).toEqual([]);
    expect(spent.length).toBe(sessions.length);
    const page = await openSite(extension, site.origin);
    expect(resultOf(await walletCall(page, 'grid_listSessions'))).toHaveLength(sessions.length);
  } finally {
    await extension.context.close();
  }
});
