import { defineConfig } from '@playwright/test';

/**
 * Browser tests: the built extension (npm run build) in Debian Chromium, and in
 * Firefox ESR through WebDriver BiDi. One browser per worker, shared by that
 * worker's tests; journeys (e2e/journeys, e2e/firefox/seed-flow) launch their
 * own, each from a fresh profile. Two workers fit this 2-core machine.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // Journeys launch browsers and walk several prompts; 2 cores with 2 workers can take a while.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: 'list',
  use: { trace: 'off', screenshot: 'off' },
  projects: [
    // e2e/installed/project is an integrator's project: `npm run test:packages` runs it against our packed tarballs.
    { name: 'chromium', testIgnore: /firefox\/|installed\/project\//, testMatch: '**/*.spec.ts' },
    { name: 'firefox', testMatch: 'firefox/**/*.spec.ts' },
  ],
});
