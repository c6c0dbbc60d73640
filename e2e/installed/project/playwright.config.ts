import { defineConfig } from '@playwright/test';
import type { GridWalletFixtures } from '@grid-wallet/playwright';

// Chromium is the one Playwright resolves for itself (scripts/testInstalledPackages.ts lays one out where Playwright looks).
export default defineConfig<Pick<GridWalletFixtures, 'gridWallet'>>({
  testDir: 'tests',
  globalSetup: './globalSetup.ts',
  timeout: 120_000,
  workers: 1,
  reporter: 'list',
  projects: [
    { name: 'chromium', use: { gridWallet: { browser: 'chromium' } } },
    { name: 'firefox', use: { gridWallet: { browser: 'firefox' } } },
  ],
});
