import { expect, openExtension, test, walletCall } from './support/extension.ts';
import { connect, expectError, resultOf } from './support/wallet.ts';

/** The page ↔ content-script boundary: who gets a wallet, which messages count, how bad input ends. */

test('an embedded frame gets no wallet, same-origin or cross-origin', async ({ extension, site }) => {
  const page = await extension.context.newPage();
  for (const src of [`${site.origin}/blank.html`, `${site.otherOrigin}/blank.html`]) {
    await page.goto(`${site.origin}/framed.html?src=${encodeURIComponent(src)}`);
    await page.waitForFunction(() => 'gridWallet' in window);
    const frame = page.frames().find((f) => f.url() === src)!;
    // The provider is injected at document_start (manifest.json): once the frame's document has loaded, it would be there.
    await frame.waitForLoadState('domcontentloaded');
    expect(await frame.evaluate(() => 'gridWallet' in window), src).toBe(false);
  }
  await page.close();
});

test('requests posted by another window or frame are ignored', async ({ extension, site }) => {
  const page = await extension.context.newPage();
  await page.goto(`${site.origin}/framed.html?src=${encodeURIComponent(`${site.origin}/blank.html`)}`);
  await page.waitForFunction(() => 'gridWallet' in window);
  const frame = page.frames().find((f) => f !== page.mainFrame())!;
  await page.evaluate(() => {
    (window as any).seen = [];
    window.addEventListener('message', (e) => (e.data?.type === 'grid-wallet/response' ? (window as any).seen.push(e.data) : undefined));
  });
  // The frame posts a well-formed request into its parent, targeting the parent's origin.
  await frame.evaluate((origin) => {
    parent.postMessage({ type: 'grid-wallet/request', id: 'from-frame', method: 'wallet_status', params: {} }, origin);
    parent.postMessage({ type: 'grid-wallet/request', id: 'from-frame-2', method: 'wallet_connect', params: {} }, origin);
  }, site.origin);
  // The page's own request is answered, so the bridge is alive; the frame's were dropped.
  // The frame's messages were queued ahead of the page's own, so that answer comes after theirs would have.
  expect(resultOf(await walletCall(page, 'wallet_status')).connected).toBe(false);
  expect(await page.evaluate(() => (window as any).seen.map((m: { id: string }) => m.id))).not.toContain('from-frame');
  expect(extension.context.pages().some((p) => p.url().includes('approval.html'))).toBe(false);
  await page.close();
});

test('oversize and malformed requests are refused quickly; malformed envelopes are ignored', async ({ extension, page }) => {
  await connect(extension, page);
  const started = Date.now();
  const huge = expectError(await walletCall(page, 'grid_listSessions', { padding: 'x'.repeat(300 * 1024) }), -32602);
  expect(huge.message).toContain('params');
  expect(Date.now() - started).toBeLessThan(2000);
  const deep = await page.evaluate(() => {
    let nested: unknown = {};
    for (let i = 0; i < 100_000; i++) nested = { nested };
    return (window as any).gridWallet.request({ method: 'grid_listSessions', params: nested }).catch((e: any) => e.code);
  });
  expect(deep).toBe(-32602);
  // No id: nothing to answer, nothing breaks; the next request still works.
  await page.evaluate(() => window.postMessage({ type: 'grid-wallet/request', method: 'wallet_status' }, location.origin));
  expect(resultOf(await walletCall(page, 'grid_listSessions'))).toEqual([]);
});

test('4900 when the extension goes away under the page', async ({ site }) => {
  const extension = await openExtension();
  try {
    const page = await extension.context.newPage();
    await page.goto(`${site.origin}/blank.html`);
    await page.waitForFunction(() => 'gridWallet' in window);
    expect(resultOf(await walletCall(page, 'wallet_status')).connected).toBe(false);
    await (await extension.serviceWorker()).evaluate(() => chrome.runtime.reload()).catch(() => undefined);
    // Until the page's bridge sees its port close, a request may still reach the old worker: wait for that state.
    await expect.poll(async () => ((await walletCall(page, 'wallet_status')) as { error?: { code: number } }).error?.code).toBe(4900);
    expectError(await walletCall(page, 'wallet_status'), 4900);
  } finally {
    await extension.context.close();
  }
});
