import { expect, type Page, test } from '@playwright/test';
import { openExtension, type Extension } from './support/extension.ts';
import { press } from './support/approvals.ts';
import { createEmulator, type Emulator } from '../packages/emulator/src/server.ts';
import { buildDemoPage } from '../examples/demo/build.ts';
import { configFromEnv } from '../examples/demo/backend/config.ts';
import { createDemoBackend, type DemoBackend } from '../examples/demo/backend/server.ts';

/**
 * Smoke test of the demo integrator, end to end: the built extension in
 * Chromium, the demo page and backend, the emulator. A customer signs in with
 * the current encrypted email-code flow (reading the code from the page's
 * outbox) and approves a payment. The full journeys are in e2e/journeys/.
 */
let emulator: Emulator;
let backend: DemoBackend;
let extension: Extension;

test.beforeAll(async () => {
  await buildDemoPage();
  emulator = await createEmulator({ port: 0 });
  backend = await createDemoBackend(configFromEnv({ DEMO_PORT: '0' }, emulator.url));
  extension = await openExtension();
});

test.afterAll(async () => {
  await extension?.context.close();
  await backend?.close();
  await emulator?.close();
});

/** The approval window's next prompt; the background closes the window once its queue is empty. */
async function approval(): Promise<Page> {
  for (;;) {
    const window = await extension.approvalWindow();
    if (!window.isClosed()) return window;
  }
}

/** Presses a prompt's button; the window closes when nothing else waits (listen first: it can be quick). */
async function answer(window: Page, button: 'Approve' | 'Verify'): Promise<void> {
  const closed = window.waitForEvent('close');
  await press(window, button);
  await closed;
}

test('a customer signs in with an email code and approves a payment', async () => {
  const page = await extension.context.newPage();
  await page.goto(`${backend.url}/`);
  const status = page.getByRole('status');

  await page.getByRole('button', { name: 'Connect wallet' }).click();
  await answer(await approval(), 'Approve');
  await expect(status).toContainText('Connected http://localhost:');

  await page.getByRole('button', { name: 'Create demo customer' }).click();
  await expect(status).toContainText('Created demo-');

  await expect(page.getByLabel('Use the seed (legacy) flow')).not.toBeChecked();
  await page.getByRole('button', { name: 'Sign in with email code' }).click();
  const otp = await approval();
  const newestCode = page.getByRole('region', { name: 'Emulator outbox' }).getByRole('row').nth(1).locator('code');
  await expect(newestCode).toHaveText(/^\d{6}$/); // the page polls the outbox
  const code = (await newestCode.textContent())!;
  await otp.getByLabel('One-time code').fill(code);
  await answer(otp, 'Verify');
  await expect(status).toContainText('Signed in with an email code (encrypted flow)');
  const sessions = page.getByRole('table', { name: 'Active sessions at Grid' });
  await expect(sessions.getByRole('row', { name: /EMAIL_OTP/ })).toHaveCount(1);

  await page.getByRole('button', { name: 'Send payment' }).click();
  await answer(await approval(), 'Approve');
  await expect(status).toContainText('Payment COMPLETED: 12.50 USD to $ada@uma.example, fee 0.10 USD');
  await expect(page.getByRole('log', { name: 'Activity log' })).not.toContainText('failed');
});
