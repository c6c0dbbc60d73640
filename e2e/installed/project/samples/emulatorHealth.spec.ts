import { expect, test } from '@playwright/test';

// Beside each playwright.config.ts sample of the docs: the emulator its webServer started answers.
// The sample names its URL in GRID_EMULATOR_URL, or starts it on the fixed port 8787.
test('the webServer of the sample started the emulator', async () => {
  const url = process.env.GRID_EMULATOR_URL ?? 'http://127.0.0.1:8787';
  expect((await fetch(`${url}/_emulator/health`)).status).toBe(200);
});
