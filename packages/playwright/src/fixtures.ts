import { test as base } from '@playwright/test';
import { type LaunchOptions, launchWithWallet } from './launch.ts';
import { WalletPrompts } from './wallet.ts';

/**
 * Playwright fixtures: `context` is a browser with the extension installed (a
 * fresh profile per test), `page` a tab in it, and `wallet` answers the
 * extension's prompts. Choose the browser with `test.use({ gridWallet: { browser: 'firefox' } })`.
 * Playwright's own `headless` (so `--headed` and `--debug`) and `launchOptions.slowMo`
 * apply unless `gridWallet` sets them.
 */
export interface GridWalletFixtures {
  gridWallet: LaunchOptions;
  wallet: WalletPrompts;
}

export const test = base.extend<GridWalletFixtures & { launched: Awaited<ReturnType<typeof launchWithWallet>> }>({
  gridWallet: [{}, { option: true }],
  launched: async ({ gridWallet, headless, launchOptions }, use) => {
    const launched = await launchWithWallet({
      headless,
      ...(launchOptions.slowMo !== undefined && { slowMo: launchOptions.slowMo }),
      ...gridWallet,
    });
    await use(launched);
    await launched.close();
  },
  context: async ({ launched }, use) => use(launched.context),
  wallet: async ({ launched }, use) => use(new WalletPrompts(launched.context, launched.browser, launched.extensionOrigin)),
});

export { expect } from '@playwright/test';
