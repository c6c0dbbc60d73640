import { expect, test } from '@grid-wallet/playwright';
import { startIntegratorApp } from '../server.mjs';
import { startEmulator } from './emulator';

const PAYMENT = 'Sign a transaction from your wallet';

test('an integrator signs in with an email code, rejects a payment, pays under a grant and then without a prompt', async ({
  page,
  wallet,
}) => {
  const emulator = await startEmulator();
  const app = await startIntegratorApp(emulator.url);
  try {
    await page.goto(app.url);
    const status = page.getByRole('status');
    await expect(status).toHaveText('Ready');

    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await wallet.approve({ title: 'Connect this site to your wallet?' });
    await expect(status).toHaveText('Connected');

    await page.getByRole('button', { name: 'Sign in with email code' }).click();
    await wallet.signInWithCode({ emulatorUrl: emulator.url, to: 'ada@example.com' });
    await expect(status).toHaveText(/^Signed in: Session:\S+$/);
    // The relay asks the app before forwarding: another account's sessions are not this user's to list.
    const foreign = await page.request.get(
      `${app.url}api/grid/auth/sessions?accountId=InternalAccount:00000000-0000-4000-8000-000000000000`,
    );
    expect(foreign.status()).toBe(403);

    const pay = page.getByRole('button', { name: 'Pay 12.50 USD' });
    await pay.click();
    await wallet.reject({ title: PAYMENT });
    await expect(status).toHaveText(/^Failed: /);

    await pay.click();
    await wallet.approve({ title: PAYMENT, grant: '15 minutes' });
    await expect(status).toHaveText('Paid (1): COMPLETED');

    await wallet.expectNoPrompt(async () => {
      await pay.click();
      await expect(status).toHaveText('Paid (2): COMPLETED');
    });
  } finally {
    await app.close();
    emulator.stop();
  }
});
