import type { Page } from '@playwright/test';
import { generateP256Key, hexToBytes, sealExportBundle } from '@grid-wallet/core';
import { APPROVAL_PAGE, openToolbar, press } from '../support/approvals.ts';
import { TITLES } from '../support/demoCustomer.ts';
import { walletCall } from '../support/extension.ts';
import { resultOf } from '../support/wallet.ts';
import { expect, test } from '../support/journey.ts';

/**
 * A hostile page (an XSS on the integrator's site, connected, with a live
 * session) tries to get the wallet's recovery phrase out of an export. It drives
 * Grid through the site's own relay and the extension through window.gridWallet.
 */

/** `fetch` on the page's Grid relay. */
function relay(page: Page, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return page.evaluate(
    async ([method, path, body, headers]) => {
      const response = await fetch(`/api/grid${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() };
    },
    [method, path, body, headers] as const,
  );
}

/** A P-256 key pair made by the page itself (its public key, uncompressed hex). */
function pageOwnKey(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    return [...raw].map((b) => b.toString(16).padStart(2, '0')).join('');
  });
}

const approvalWindows = (page: Page) =>
  page
    .context()
    .pages()
    .filter((p) => !p.isClosed() && p.url().startsWith(APPROVAL_PAGE));

test('a page cannot export the wallet to its own key, nor have the extension show a bundle it forged or tampered with', async ({
  extension,
  site,
  customer,
}) => {
  const page = customer.page;
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as any).__messages = seen;
    window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)), true);
  });
  await customer.connect();
  await customer.createCustomer();
  await customer.signInWithEmailCode();
  const [sessionId] = await customer.walletSessionIds();
  const exportPath = `/internal-accounts/${customer.accountId}/export`;

  // 1. An export sealed to the page's own key: Grid binds that key into the payload; the extension refuses to sign it.
  const ownKey = await pageOwnKey(page);
  const toPage = await relay(page, 'POST', exportPath, { clientPublicKey: ownKey });
  expect(toPage.status).toBe(202);
  const refusedSign = await walletCall(page, 'grid_signPayload', { sessionId, payloadToSign: toPage.body.payloadToSign });
  expect(refusedSign).toEqual({ error: expect.objectContaining({ code: -32602, data: { field: 'params.payloadToSign' } }) });
  expect(approvalWindows(page)).toHaveLength(0);

  // 2. An extension export key, before any signed export to it: nothing to show.
  const exportKey = resultOf(await walletCall(page, 'grid_createExportKey'));
  expect(exportKey.publicKey).toMatch(/^04[0-9a-f]{128}$/);
  const early = await walletCall(page, 'grid_showWalletExport', { exportKeyId: exportKey.exportKeyId, encryptedWalletCredentials: '{}' });
  expect(early).toEqual({ error: expect.objectContaining({ code: -32602, data: { field: 'params.exportKeyId' } }) });

  // The real flow up to Grid's answer (the user approves the export signature, as they would).
  const challenge = await relay(page, 'POST', exportPath, { clientPublicKey: exportKey.publicKey });
  const signing = walletCall(page, 'grid_signPayload', { sessionId, payloadToSign: challenge.body.payloadToSign });
  await customer.approve(TITLES.exportWallet);
  const stamp = resultOf(await signing);
  const exported = await relay(
    page,
    'POST',
    exportPath,
    { clientPublicKey: exportKey.publicKey },
    { 'Grid-Wallet-Signature': stamp.signature, 'Request-Id': challenge.body.requestId },
  );
  expect(exported.status).toBe(200);
  const genuine: string = exported.body.encryptedWalletCredentials;
  const { organizationId } = JSON.parse(challenge.body.payloadToSign);

  // 3. Grid's bundle with its signature tampered with.
  const outer = JSON.parse(genuine);
  const flipped = outer.dataSignature.slice(0, 20) + (outer.dataSignature[20] === '0' ? '1' : '0') + outer.dataSignature.slice(21);
  // 4. A bundle the page forged and sealed to a key it made itself (with its own "enclave" signature).
  const forger = await generateP256Key();
  const forged = await sealExportBundle(
    'abandon ability able about above absent absorb abstract absurd abuse access accident',
    { publicKey: hexToBytes(ownKey), organizationId },
    forger,
  );
  for (const bundle of [JSON.stringify({ ...outer, dataSignature: flipped }), forged]) {
    const refused = await walletCall(page, 'grid_showWalletExport', {
      exportKeyId: exportKey.exportKeyId,
      encryptedWalletCredentials: bundle,
    });
    expect(refused).toEqual({ error: expect.objectContaining({ code: 4422 }) });
    expect(approvalWindows(page)).toHaveLength(0);
  }

  // 5. With "Trust the local Grid emulator" off: Grid's bundle (signed by the emulator's
  // key) and the same bundle unsigned, as Grid's sandbox sends it, are both refused.
  const toolbar = await openToolbar(extension);
  const trust = toolbar.getByRole('checkbox', { name: 'Trust the local Grid emulator' });
  await trust.uncheck();
  await expect(trust).not.toBeChecked();
  for (const bundle of [genuine, JSON.stringify({ ...outer, dataSignature: '', enclaveQuorumPublic: '' })]) {
    const refused = await walletCall(page, 'grid_showWalletExport', {
      exportKeyId: exportKey.exportKeyId,
      encryptedWalletCredentials: bundle,
    });
    expect(refused).toEqual({ error: expect.objectContaining({ code: 4422 }) });
    expect(approvalWindows(page)).toHaveLength(0);
  }
  await trust.check();
  await expect(trust).toBeChecked();
  await toolbar.close();

  // The genuine bundle still opens, in the extension's window; the page learns only that it was shown.
  const showing = walletCall(page, 'grid_showWalletExport', { exportKeyId: exportKey.exportKeyId, encryptedWalletCredentials: genuine });
  const phraseWindow = await customer.prompt(TITLES.recoveryPhrase);
  await phraseWindow.getByRole('button', { name: 'Reveal phrase' }).click();
  await expect(phraseWindow.getByTestId('recovery-phrase')).toBeVisible();
  await press(phraseWindow, 'Done'); // answers the last request, so the window may close under the click
  expect(await showing).toEqual({ result: { shown: true } });

  const { mnemonic } = await site.walletAtGrid(customer.accountId);
  const received: string = (await page.evaluate(() => (window as any).__messages.join('\n'))) + (await page.content());
  // The phrase, or any three of its words in a row, never reached the page.
  const words = mnemonic.split(' ');
  for (let i = 0; i + 3 <= words.length; i++) expect(received).not.toContain(words.slice(i, i + 3).join(' '));
});

/** Reads the clipboard from the page, as a hostile script with clipboard-read would. */
async function pageReadsClipboard(page: Page): Promise<string> {
  await page.bringToFront(); // the clipboard answers only a focused page
  return page.evaluate(() => navigator.clipboard.readText());
}

test('the recovery phrase never reaches the clipboard, where the page could read it once the window is gone', async ({
  extension,
  site,
  customer,
}) => {
  const page = customer.page;
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await customer.connect();
  await customer.createCustomer();
  await customer.signInWithEmailCode();
  await customer.click('Export wallet');
  await customer.approve(TITLES.exportWallet);
  const window = await customer.prompt(TITLES.recoveryPhrase);
  await window.getByRole('button', { name: 'Reveal phrase' }).click();
  const phrase = window.getByTestId('recovery-phrase');
  await expect(phrase).toBeVisible();
  await expect(window.getByText(/never puts them on the clipboard/)).toBeVisible();
  await expect(window.getByRole('button', { name: /copy/i })).toHaveCount(0);

  // Copying works in this window (the intro goes to the clipboard) but not for the words.
  const intro = window.getByText(/^You approved exporting this wallet/);
  await intro.selectText();
  await window.keyboard.press('Control+C');
  await expect.poll(() => pageReadsClipboard(page)).toMatch(/^You approved exporting this wallet/);
  await window.bringToFront();
  await phrase.click();
  await window.keyboard.press('Control+A');
  await window.keyboard.press('Control+C');
  await window.close(); // the customer closes the window instead of pressing Done

  const { mnemonic } = await site.walletAtGrid(customer.accountId);
  // Its words as a sequence, whatever separates them (the window numbers them, one per line).
  const clipboard = ` ${(await pageReadsClipboard(page)).match(/[a-z]+/g)?.join(' ')} `;
  const words = mnemonic.split(' ');
  for (let i = 0; i + 3 <= words.length; i++) expect(clipboard).not.toContain(` ${words.slice(i, i + 3).join(' ')} `);
});
