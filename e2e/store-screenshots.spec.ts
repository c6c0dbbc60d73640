import { expect, type Page, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unlessWindowClosed } from '../packages/playwright/src/approvalWindow.ts';
import { extensionLocales, readListing } from '../scripts/store/listing.ts';
import { PAYMENT, PAYMENT_DISPLAY } from './approvals/payloads.ts';
import { addSession, ask, askAndLeave, internalCall, openSite, promptPage, TOOLBAR_PAGE, whenArmed } from './support/approvals.ts';
import { openExtension } from './support/extension.ts';
import { startPageServer } from './support/pageServer.ts';
import { STORE_SCREENSHOT_SIZE, writeStoreScreenshot } from './support/storeFrame.ts';
import { ACCOUNT_ID, resultOf } from './support/wallet.ts';

/**
 * The store screenshots (store/README.md), from the real screens in each language
 * the extension speaks: a customer connects a site, approves a payment, is asked
 * to create a passkey and opens the toolbar popup. Like the other screenshots, the
 * committed ones (store/screenshots/<locale>/) change only when a person asks:
 * `UPDATE_SCREENSHOTS=1`; otherwise they go to test-results/.
 */
const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' ? 'store/screenshots' : 'test-results/store-screenshots');
/** The approval window and the toolbar popup, a little taller than the real window so a payment shows whole. */
const WINDOW = { width: 400, height: 720 };
const TOOLBAR = { width: 360, height: 720 };

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

for (const locale of extensionLocales()) {
  test(`store screenshots in ${locale}`, async () => {
    const messages = JSON.parse(readFileSync(join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8'));
    const say = (key: string): string => messages[key].message;
    const { screenshots: captions } = await readListing(locale);
    const site = await startPageServer();
    const extension = await openExtension('', [`--lang=${locale}`]);

    const shoot = async (id: string, screen: Page) => {
      await whenArmed(screen);
      const path = join(OUT, locale, `${[...captions.keys()].indexOf(id) + 1}-${id}.png`);
      const shot = { screen: await screen.screenshot({ animations: 'disabled' }), caption: captions.get(id)!, brand: say('extensionName') };
      await writeStoreScreenshot(extension.context, shot, path);
      expect(pngSize(readFileSync(path))).toEqual(STORE_SCREENSHOT_SIZE);
    };
    const prompt = async (title: string) => {
      const page = await promptPage(extension, title);
      await page.setViewportSize(WINDOW);
      // The window speaks this language: its decision is in it.
      await expect(page.locator('.decision .button--primary')).toHaveText(say('approve'));
      return page;
    };
    const approve = (page: Page) =>
      page
        .getByRole('button', { name: say('approve'), exact: true })
        .click()
        .catch(unlessWindowClosed(page));

    try {
      const page = await openSite(extension, site.origin);

      const connecting = ask(page, 'wallet_connect');
      const connect = await prompt(say('connectTitle'));
      await shoot('connect', connect);
      await approve(connect);
      resultOf(await connecting);

      const session = await addSession(page);
      const signing = ask(page, 'grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT, display: PAYMENT_DISPLAY });
      const sign = await prompt(say('activitySignTransaction'));
      await expect(sign.getByText('Acme Coffee Roasters')).toBeVisible();
      await shoot('sign', sign);
      await approve(sign);
      resultOf(await signing);

      askAndLeave(page, 'grid_registerPasskey', {
        accountId: ACCOUNT_ID,
        nickname: 'Work laptop',
        challenge: Buffer.alloc(32, 1).toString('base64url'),
        user: { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' },
      });
      await shoot('passkey', await prompt(say('passkeyCreateTitle')));

      // The passkey prompt stays waiting (the browser closing ends it), for the popup to show; the setting as a store build starts.
      const toolbar = await extension.context.newPage();
      await toolbar.setViewportSize(TOOLBAR);
      await toolbar.goto(TOOLBAR_PAGE);
      await internalCall(toolbar, 'settings/set', { trustLocalGridEmulator: false });
      await toolbar.reload();
      await expect(toolbar.getByRole('heading', { name: say('sitesTitle') })).toBeVisible();
      await expect(toolbar.getByText(say('trustEmulatorOn'))).toHaveCount(0);
      await shoot('toolbar', toolbar);
    } finally {
      await extension.context.close();
      await site.close();
    }
  });
}
