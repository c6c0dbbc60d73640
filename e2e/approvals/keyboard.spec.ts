import type { Locator, Page } from '@playwright/test';
import { attachAuthenticator } from '../../packages/playwright/src/virtualAuthenticator.ts';
import { overflowingText } from '../support/audit.ts';
import { walletCall } from '../support/extension.ts';
import { ACCOUNT_ID, connect, resultOf } from '../support/wallet.ts';
import { addSession, ask, expect, openToolbar, pressKey, promptPage, test, whenArmed } from '../support/approvals.ts';
import { EXPORT_MNEMONIC, exportBundleFor, exportWalletTo, PAYMENT, PAYMENT_DISPLAY, PAYMENT_TITLE } from './payloads.ts';

/**
 * The screens without a mouse, at 200 % zoom, and with reduced motion
 * (docs/architecture.md §5). Every control is reached with Tab alone, from
 * wherever the window put the focus, and used with Enter.
 */

/** Tabs (at most 30 times) until `target` has the focus. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target, 'reached with Tab').toBeFocused();
}

/** Tabs to the button named `name` and presses Enter on it. */
async function useButton(page: Page, name: string): Promise<void> {
  await whenArmed(page);
  await tabTo(page, page.getByRole('button', { name, exact: true }));
  await pressKey(page, 'Enter');
}

test('keyboard only: connect, code, passkey, payment, export and the toolbar', async ({ extension, page, site }) => {
  const connecting = ask(page, 'wallet_connect');
  await useButton(await promptPage(extension, 'Connect this site to your wallet?'), 'Approve');
  resultOf(await connecting);

  const coding = ask(page, 'grid_collectOtp', { credentialId: 'AuthMethod:1', channel: 'SMS', destination: '+64 21 555 0000', length: 6 });
  const code = await promptPage(extension, 'Enter your sign-in code');
  await tabTo(code, code.getByLabel('One-time code'));
  await code.keyboard.type('482913');
  await useButton(code, 'Verify');
  expect(resultOf(await coding)).toEqual({ otp: '482913' });

  const registering = ask(page, 'grid_registerPasskey', {
    accountId: ACCOUNT_ID,
    nickname: 'Work laptop',
    challenge: Buffer.alloc(32, 1).toString('base64url'),
    user: { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' },
  });
  const passkey = await promptPage(extension, 'Create a passkey');
  await attachAuthenticator(passkey);
  await useButton(passkey, 'Approve');
  expect(resultOf(await registering)).toMatchObject({ nickname: 'Work laptop' });

  const session = await addSession(page);
  const paying = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT, display: PAYMENT_DISPLAY });
  await useButton(await promptPage(extension, PAYMENT_TITLE), 'Approve');
  expect(resultOf(await paying)).toHaveProperty('signature');

  const exportKey = resultOf(await walletCall(page, 'grid_createExportKey'));
  const exporting = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: exportWalletTo(exportKey.publicKey) });
  await useButton(await promptPage(extension, 'Export your wallet'), 'Approve');
  resultOf(await exporting);
  const showing = ask(page, 'grid_showWalletExport', {
    exportKeyId: exportKey.exportKeyId,
    encryptedWalletCredentials: await exportBundleFor(exportKey.publicKey),
  });
  const phrase = await promptPage(extension, 'Your secret recovery phrase');
  await useButton(phrase, 'Reveal phrase');
  const words = phrase.getByRole('list', { name: 'Secret recovery phrase, 12 words' }).locator('.phrase__word');
  await expect(words).toHaveText(EXPORT_MNEMONIC.split(' '));
  await useButton(phrase, 'Done');
  expect(resultOf(await showing)).toEqual({ shown: true });

  const toolbar = await openToolbar(extension);
  await useButton(toolbar, `Disconnect localhost:${site.port}`);
  await expect(toolbar.getByText('No sites are connected.', { exact: false })).toBeVisible();
  await toolbar.close();
});

test('at 200 % zoom a payment prompt reflows: nothing cut off, every button reachable', async ({ extension, page }) => {
  // 200 % zoom halves the CSS pixels of the 400×600 window, which is what this viewport does. (The toolbar
  // popup is not tested so: it sets its own 360 px width, which the browser doubles into a wider popup.)
  await connect(extension, page);
  const session = await addSession(page);
  const paying = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT, display: PAYMENT_DISPLAY });
  const prompt = await promptPage(extension, PAYMENT_TITLE);
  await prompt.setViewportSize({ width: 200, height: 300 });
  expect(await overflowingText(prompt)).toEqual([]);
  await useButton(prompt, 'Approve');
  resultOf(await paying);
});

test('with reduced motion nothing moves', async ({ extension, page }) => {
  const connecting = ask(page, 'wallet_connect');
  const prompt = await promptPage(extension, 'Connect this site to your wallet?');
  const durations = () =>
    prompt.evaluate(() =>
      [...document.querySelectorAll('*')].flatMap((element) => {
        const style = getComputedStyle(element);
        return [...style.transitionDuration.split(', '), ...style.animationDuration.split(', ')].filter((d) => d !== '0s');
      }),
    );
  // Without the preference some things do move (so the check below can see them)…
  expect(await durations()).not.toEqual([]);
  await prompt.emulateMedia({ reducedMotion: 'reduce' });
  expect(await durations()).toEqual([]);
  await useButton(prompt, 'Reject');
  await connecting;
});
