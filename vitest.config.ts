import { defineConfig } from 'vitest/config';

// Unit and API tests (Node). The browser tests are Playwright's (playwright.config.ts).
export default defineConfig({
  // `@grid-wallet/emulator` and `@grid-wallet/sdk` by name, from their sources (tsconfig.json's paths).
  resolve: { tsconfigPaths: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'examples/demo/**/*.test.ts'],
    environment: 'node',
    // Fails any test whose emulator traffic does not match Grid's OpenAPI document.
    setupFiles: ['packages/emulator/src/contract/vitestSetup.ts'],
    testTimeout: 20_000,
  },
});
