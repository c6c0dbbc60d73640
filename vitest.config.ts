import { defineConfig } from 'vitest/config';

// Unit and API tests (Node). The browser tests are Playwright's (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/emulator/**/*.test.ts', 'e2e/demo/**/*.test.ts'],
    environment: 'node',
    // Fails any test whose emulator traffic does not match Grid's OpenAPI document.
    setupFiles: ['e2e/emulator/contract/vitestSetup.ts'],
    testTimeout: 20_000,
  },
});
