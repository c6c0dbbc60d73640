import { expect, test } from '@grid-wallet/playwright';
import { startIntegratorApp } from '../server.mjs';
import { startEmulator } from './emulator';

test('a React app (@grid-wallet/react) follows the connection and sessions, signs in with an email code and pays', async ({
  page,
  wallet,
}) => {
  const emulator = await startEmulator();
  const app = await startIntegratorApp(emulator.url);
  try {
    await page.goto(`${app.url}react/`);
    const connection = page.getByRole('status', { name: 'wallet' });
    await expect(connection).toHaveText('disconnected, 0 session(s)');

    await page.getByRole('button', { name: 'Connect wallet' }).click();
    await expect(connection).toHaveText('connecting, 0 session(s)');
    await wallet.approve({ title: 'Connect this site to your wallet?' });
    await expect(connection).toHaveText('connected, 0 session(s)');

    await page.getByRole('button', { name: 'Sign in with email code' }).click();
    await expect(page.getByRole('status', { name: 'sign-in' })).toHaveText('Signing in…');
    await wallet.signInWithCode({ emulatorUrl: emulator.url, to: 'ada@example.com' });
    await expect(page.getByRole('status', { name: 'sign-in' })).toHaveText(/^Signed in: Session:\S+$/);
    // The provider hears the extension's sessionsChanged event.
    await expect(connection).toHaveText('connected, 1 session(s)');

    const pay = page.getByRole('button', { name: 'Pay 12.50 USD' });
    const payment = page.getByRole('status', { name: 'payment' });
    await pay.click();
    await wallet.reject({ title: 'Sign a transaction from your wallet' });
    await expect(payment).toHaveText(/^Failed: /);

    await pay.click();
    await wallet.approve({ title: 'Sign a transaction from your wallet' });
    await expect(payment).toHaveText('Paid: COMPLETED');
  } finally {
    await app.close();
    emulator.stop();
  }
});
