import type { Page } from '@playwright/test';
import { CHROME_EXTENSION_ID } from '../../packages/playwright/src/index.ts';
import { walletCall, type WalletReply } from '../support/extension.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import { APPROVAL_PAGE, expect, openToolbar, press, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { withOwnBrowser } from './lesserSupport.ts';

/**
 * Grid's sandbox sends unsigned `otpEncryptionTargetBundle`s. A store build refuses
 * them (nothing proves who holds the target key), so a toolbar developer setting, off
 * by default, takes such a bundle as the plain-code flow: the site receives the code,
 * and the prompt says so (docs/security-model.md §3.7). Attacked from a connected page:
 * it cannot turn the setting on, and with it on it still gets no code without the
 * customer typing one in a prompt that warns them.
 */

const OTP_TITLE = 'Enter your sign-in code';
const SETTING = "Developer: accept Grid sandbox's unsigned code bundles";
const SANDBOX_NOTE = /This site receives the code you type\. It asked with an unsigned bundle \(Grid's sandbox\)/;

/** In the page, as its script would: a target key of its own, published in a bundle with both signature fields empty. */
function unsignedBundle(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const target = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const data = new TextEncoder().encode(JSON.stringify({ targetPublic: hex(await crypto.subtle.exportKey('raw', target.publicKey)) }));
    return JSON.stringify({ version: 'v1.0.0', data: hex(data.buffer), dataSignature: '', enclaveQuorumPublic: '' });
  });
}

async function collectWithUnsignedBundle(page: Page): Promise<WalletReply> {
  const { clientKeyId } = resultOf(await walletCall(page, 'grid_createClientKey'));
  return walletCall(page, 'grid_collectOtp', {
    credentialId: 'AuthMethod:019542f5-b3e7-1d02-0000-000000000001',
    channel: 'EMAIL',
    length: 6,
    otpEncryptionTargetBundle: await unsignedBundle(page),
    clientKeyId,
  });
}

test('off by default: an unsigned bundle is refused (-32602) without a prompt, and the page cannot turn the setting on', async () => {
  await withOwnBrowser(async ({ extension, page }) => {
    const toolbar = await openToolbar(extension);
    await expect(toolbar.getByRole('checkbox', { name: SETTING })).not.toBeChecked();

    // Every way the page has to reach the setting: the provider, and the extension's runtime messaging.
    expectError(await walletCall(page, 'settings/set', { sandboxPlainCodes: true }), 4200);
    const runtime = await page.evaluate(async (id) => {
      const chromeApi = (window as { chrome?: { runtime?: { sendMessage?: (...args: unknown[]) => Promise<unknown> } } }).chrome;
      if (!chromeApi?.runtime?.sendMessage) return 'no runtime messaging';
      try {
        await chromeApi.runtime.sendMessage(id, { kind: 'internal', action: 'settings/set', params: { sandboxPlainCodes: true } });
        return 'sent';
      } catch {
        return 'refused';
      }
    }, CHROME_EXTENSION_ID);
    expect(runtime).not.toBe('sent');

    const outcome = await answerOrPrompt(extension, collectWithUnsignedBundle(page));
    expect(outcome, 'the unsigned bundle reached an approval prompt').not.toBe('pending');
    const error = expectError(outcome as WalletReply, -32602);
    expect(error.data).toEqual({ field: 'params.otpEncryptionTargetBundle' });
    expect(error.message).toMatch(/is not signed/);
    expect(extension.context.pages().filter((p) => p.url().startsWith(APPROVAL_PAGE))).toHaveLength(0);

    await toolbar.reload();
    await expect(toolbar.getByRole('checkbox', { name: SETTING })).not.toBeChecked();
  });
});

test('on in the toolbar: the prompt warns that the site receives the code, and the page gets it only once the customer types it', async () => {
  await withOwnBrowser(async ({ extension, page }) => {
    const toolbar = await openToolbar(extension);
    await toolbar.getByRole('checkbox', { name: SETTING }).check();
    await expect(toolbar.getByRole('status').filter({ hasText: 'sites may receive your sign-in codes' })).toBeVisible();

    let answered = false;
    const reply = collectWithUnsignedBundle(page).finally(() => (answered = true));
    const prompt = await promptPage(extension, OTP_TITLE);
    await expect(prompt.getByText(SANDBOX_NOTE)).toBeVisible();
    await expect(prompt.getByText('This site never sees it')).toHaveCount(0);
    expect(answered, 'the page was answered before the customer typed a code').toBe(false);

    await prompt.getByLabel('One-time code').fill('482913');
    await press(prompt, 'Verify');
    expect(resultOf(await reply)).toEqual({ otp: '482913' });
  });
});
