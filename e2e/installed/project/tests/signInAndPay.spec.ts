import { spawn } from 'node:child_process';
import { expect, newestCode, test } from '@grid-wallet/playwright';
import { startIntegratorApp } from '../server.mjs';

/** Starts the emulator through its published bin on a free port and returns its URL. */
async function startEmulator(): Promise<{ url: string; stop(): void }> {
  const child = spawn('npx', ['grid-emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = printed.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`grid-emulator exited with ${code}: ${printed}`)));
  });
  return { url, stop: () => void child.kill() };
}

test('an integrator signs in with an email code and approves a payment', async ({ page, wallet }) => {
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
    await wallet.enterCode(await waitForCode(emulator.url, 'ada@example.com'), { title: 'Enter your sign-in code' });
    await expect(status).toHaveText(/^Signed in: Session:\S+$/);

    await page.getByRole('button', { name: 'Pay 12.50 USD' }).click();
    await wallet.approve({ title: 'Sign a transaction from your wallet' });
    await expect(status).toHaveText(/^Paid: COMPLETED/);
  } finally {
    await app.close();
    emulator.stop();
  }
});

/** The code arrives when the page asks Grid for a challenge; poll the emulator's outbox for it. */
async function waitForCode(emulatorUrl: string, to: string): Promise<string> {
  let code: string | undefined;
  await expect.poll(async () => (code = await newestCode(emulatorUrl, to).catch(() => undefined))).toBeDefined();
  return code!;
}
