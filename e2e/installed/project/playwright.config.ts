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
    // npxStopped needs no browser: once is enough.
    { name: 'firefox', use: { gridWallet: { browser: 'firefox' } }, testIgnore: /npxStopped/ },
  ],
  // The emulator exactly as the kit's README and the integrator guide have integrators start it.
  webServer: {
    command: 'npx grid-emulator --port 0',
    // Named groups become environment variables: process.env.GRID_EMULATOR_URL in the tests.
    wait: { stdout: /listening on (?<GRID_EMULATOR_URL>http:\/\/127\.0\.0\.1:\d+)/ },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
