import { chromium, expect, type Page, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { unlessWindowClosed } from '../../packages/playwright/src/approvalWindow.ts';
import { extensionLocales } from '../../scripts/store/listing.ts';
import { addSession, ask, askAndLeave, promptPage, TOOLBAR_PAGE, whenArmed } from '../support/approvals.ts';
import { axeFindings, overflowingText } from '../support/audit.ts';
import { chromiumLaunchOptions } from '../../packages/playwright/src/index.ts';
import { CHROME_BUILD, openExtension } from '../support/extension.ts';
import { type Messages, PSEUDO_LOCALE, pseudoLocaleBuild, readMessages, say } from '../support/locales.ts';
import { startPageServer } from '../support/pageServer.ts';
import { ACCOUNT_ID, inMinutes, resultOf } from '../support/wallet.ts';
import { exportBundleFor, exportWalletTo, PAYMENT, PAYMENT_DISPLAY } from './payloads.ts';

/**
 * Every screen in every language the extension speaks, and in a long pseudo-locale
 * (docs/translating.md): connect, a payment, a warning (exporting the wallet), the
 * recovery phrase, the sign-in code, a passkey and the toolbar popup. Each, in light
 * and dark, has no serious or critical axe finding and no text cut off or
 * overflowing; as a prompt opens, the window's title and its status line name the
 * site and the action. One screenshot per screen and locale (light) goes to
 * e2e/screenshots/<locale>/ when a person asks (`UPDATE_SCREENSHOTS=1`), else (and always
 * for the pseudo-locale) to test-results/.
 */
const ROOT = join(import.meta.dirname, '..', '..');
/** Where a locale's screenshots go: the pseudo-locale's are never committed. */
const shots = (locale: string) =>
  join(ROOT, process.env.UPDATE_SCREENSHOTS === '1' && locale !== PSEUDO_LOCALE ? 'e2e/screenshots' : 'test-results/screenshots', locale);
const TOOLBAR = { width: 360, height: 600 };

/** The extension in `locale`: the real build with the browser's language set, or the pseudo-locale's copy of it. */
function launch(locale: string): { messages: Messages; open: () => ReturnType<typeof openExtension> } {
  if (locale === PSEUDO_LOCALE) {
    const { build, messages } = pseudoLocaleBuild(join(ROOT, 'test-results', 'pseudo-locale-build'));
    return { messages, open: () => openExtension('', ['--lang=en'], build) };
  }
  return { messages: readMessages(locale), open: () => openExtension('', [`--lang=${locale.replace('_', '-')}`]) };
}

for (const locale of [...extensionLocales(), PSEUDO_LOCALE]) {
  test(`every screen in ${locale}: nothing cut off, no serious axe finding, light and dark`, async () => {
    const { messages, open } = launch(locale);
    const text = (key: string, ...substitutions: string[]) => say(messages, key, ...substitutions);
    const site = await startPageServer();
    const extension = await open();
    const host = new URL(site.origin).host;

    /** Both themes audited; one screenshot, light. */
    const audit = async (screen: Page, name: string) => {
      await whenArmed(screen);
      for (const colorScheme of ['dark', 'light'] as const) {
        await screen.emulateMedia({ colorScheme });
        expect(await overflowingText(screen), `${name}, ${colorScheme}: text that does not fit`).toEqual([]);
        expect(await axeFindings(screen), `${name}, ${colorScheme}: axe`).toEqual([]);
      }
      mkdirSync(shots(locale), { recursive: true });
      await screen.screenshot({ path: join(shots(locale), `${name}.png`), animations: 'disabled' });
    };
    /** The prompt titled `titleKey`, audited, after checking what a screen reader hears as it opens. */
    const prompt = async (titleKey: string, name: string) => {
      const screen = await promptPage(extension, text(titleKey));
      await expect(screen).toHaveTitle(text('windowTitle', host));
      const announcement = text('promptAnnouncement', host, text(titleKey));
      await expect(screen.getByText(announcement, { exact: true })).toHaveRole('status');
      await audit(screen, name);
      return screen;
    };
    /** A call whose answer the test awaits later: if the test fails first, the browser closing must not hide why. */
    const asking = (method: string, params?: unknown) => {
      const reply = ask(page, method, params);
      reply.catch(() => undefined);
      return reply;
    };
    const press = (screen: Page, key: string) =>
      screen
        .getByRole('button', { name: text(key), exact: true })
        .click()
        .catch(unlessWindowClosed(screen));

    const page = await extension.context.newPage();
    try {
      await page.goto(`${site.origin}/blank.html`);
      await page.waitForFunction(() => 'gridWallet' in window);

      const connecting = asking('wallet_connect');
      await press(await prompt('connectTitle', 'connect'), 'approve');
      resultOf(await connecting);

      const session = await addSession(page);
      const paying = asking('grid_signPayload', { sessionId: session.sessionId, payloadToSign: PAYMENT, display: PAYMENT_DISPLAY });
      const payment = await prompt('activitySignTransaction', 'sign-payment');
      // The amount in this language's format, beside its words (12.50 USD in Grid's smallest unit: 1250, 2 decimals).
      const amount = new Intl.NumberFormat(text('messagesLocale'), { style: 'currency', currency: 'USD', currencyDisplay: 'code' }).format(
        12.5,
      );
      await expect(payment.getByText(amount, { exact: true })).toBeVisible();
      await press(payment, 'reject');
      await paying;

      const exportKey = resultOf(await asking('grid_createExportKey'));
      const exporting = asking('grid_signPayload', { sessionId: session.sessionId, payloadToSign: exportWalletTo(exportKey.publicKey) });
      await press(await prompt('activityExportWallet', 'sign-warning'), 'approve');
      resultOf(await exporting);

      const bundle = await exportBundleFor(exportKey.publicKey);
      const showing = asking('grid_showWalletExport', { exportKeyId: exportKey.exportKeyId, encryptedWalletCredentials: bundle });
      const phrase = await prompt('exportTitle', 'export');
      await press(phrase, 'exportReveal');
      await expect(phrase.getByRole('list', { name: text('exportPhraseLabel', '12') })).toBeVisible();
      await audit(phrase, 'export-revealed');
      await press(phrase, 'exportDone');
      resultOf(await showing);

      const otp = { credentialId: 'AuthMethod:1', channel: 'EMAIL', destination: 'jane@example.com', length: 6, expiresAt: inMinutes(5) };
      const coding = asking('grid_collectOtp', otp);
      await press(await prompt('otpTitle', 'otp'), 'reject');
      await coding;

      // Left waiting (the browser closing ends it), so the toolbar shows a waiting request too.
      askAndLeave(page, 'grid_registerPasskey', {
        accountId: ACCOUNT_ID,
        nickname: 'Work laptop',
        challenge: Buffer.alloc(32, 1).toString('base64url'),
        user: { id: Buffer.from('user_7f3a').toString('base64url'), name: 'ada@example.com', displayName: 'Ada Lovelace' },
      });
      await prompt('passkeyCreateTitle', 'passkey');

      const toolbar = await extension.context.newPage();
      await toolbar.setViewportSize(TOOLBAR);
      await toolbar.goto(TOOLBAR_PAGE);
      await expect(toolbar.getByRole('heading', { name: text('sitesTitle') })).toBeVisible();
      await audit(toolbar, 'toolbar');
    } finally {
      await extension.context.close();
      await site.close();
    }
  });
}

// The audits themselves: each finds what it is there to find.
test('the audits find an unlabelled control and text that does not fit', async () => {
  const browser = await chromium.launch(chromiumLaunchOptions(CHROME_BUILD));
  const page = await (await browser.newContext()).newPage();
  await page.setViewportSize({ width: 200, height: 300 });
  await page.setContent(`<html lang="en"><title>t</title><main>
    <input type="text">
    <p style="width: 80px; white-space: nowrap; overflow: hidden">A sentence far too long for its box</p>
    <p style="width: 400px">Wider than the window</p>
  </main></html>`);
  expect(await axeFindings(page)).toEqual([expect.stringMatching(/^label \(critical\): input/)]);
  expect(await overflowingText(page)).toEqual([
    expect.stringMatching(/^the page scrolls sideways \(\d+ > 200 px\)$/),
    expect.stringMatching(/^<p> "A sentence far too long for its box" is \d+ px wide in a 80 px box$/),
    '<p> "Wider than the window" reaches past the window\'s edge',
  ]);
  await browser.close();
});
