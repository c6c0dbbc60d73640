import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests',
  timeout: 120_000,
  workers: 1,
  reporter: 'list',
  // The emulator exactly as the kit's README and the integrator guide have integrators start it.
  webServer: {
    command: 'npx grid-emulator --port 0',
    // Named groups become environment variables: process.env.GRID_EMULATOR_URL in the tests.
    wait: { stdout: /listening on (?<GRID_EMULATOR_URL>http:\/\/127\.0\.0\.1:\d+)/ },
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
