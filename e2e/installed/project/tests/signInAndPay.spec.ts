import { expect, newestCode, test } from '@grid-wallet/playwright';
import { startIntegratorApp } from '../server.mjs';

test('an integrator signs in with an email code and approves a payment', async ({ page, wallet }) => {
  // Started by playwright.config.ts's webServer.
  const emulatorUrl = process.env.GRID_EMULATOR_URL!;
  const app = await startIntegratorApp(emulatorUrl);
  try {
    await page.goto(app.url);
    const status = page.getByRole('status');
    await expect(status).toHaveText('Ready');

    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await wallet.approve({ title: 'Connect this site to your wallet?' });
    await expect(status).toHaveText('Connected');

    await page.getByRole('button', { name: 'Sign in with email code' }).click();
    await wallet.enterCode(await waitForCode(emulatorUrl, 'ada@example.com'), { title: 'Enter your sign-in code' });
    await expect(status).toHaveText(/^Signed in: Session:\S+$/);

    await page.getByRole('button', { name: 'Pay 12.50 USD' }).click();
    await wallet.approve({ title: 'Sign a transaction from your wallet' });
    await expect(status).toHaveText(/^Paid: COMPLETED/);
  } finally {
    await app.close();
  }
});

/** The code arrives when the page asks Grid for a challenge; poll the emulator's outbox for it. */
async function waitForCode(emulatorUrl: string, to: string): Promise<string> {
  let code: string | undefined;
  await expect.poll(async () => (code = await newestCode(emulatorUrl, to).catch(() => undefined))).toBeDefined();
  return code!;
}
