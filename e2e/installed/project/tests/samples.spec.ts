import { readFileSync } from 'node:fs';
import { expect, test, unlessWindowClosed, type WalletPrompts } from '@grid-wallet/playwright';
import type { Page } from '@playwright/test';
import { startIntegratorApp } from '../server.mjs';

/**
 * The README's and docs' samples that run in a page (scripts/testInstalledPackages.ts bundles each
 * with what it assumes, samples/harness.ts), driven with the extension: every prompt a sample causes
 * is answered as a customer would, and the sample must run to its end; and the relay sample, as a
 * server imports it, in front of the emulator.
 */
const { pages, servers } = JSON.parse(readFileSync(new URL('../samples/index.json', import.meta.url), 'utf8')) as {
  pages: { name: string; where: string; react: boolean }[];
  servers: { name: string; where: string }[];
};
const CONNECT = 'Connect this site to your wallet?';
const CODE = 'Enter your sign-in code';
const PAYMENT = 'Sign a transaction from your wallet';
const EMPTY = 'Nothing is waiting';

/**
 * Answers the prompt showing now: the code prompt with the emulator's code, any other by approving it;
 * undefined when there was none to answer after all (look again).
 */
async function answer(wallet: WalletPrompts, prompt: Page): Promise<string | undefined> {
  const heading = prompt.getByRole('heading', { level: 1 });
  const title = (await heading.textContent().catch(unlessWindowClosed(prompt)))?.trim();
  // Between two prompts the window may show its empty queue for a moment.
  if (title === undefined || title === EMPTY) return undefined;
  if (title === CODE) await wallet.signInWithCode({ emulatorUrl: process.env.GRID_EMULATOR_URL!, to: 'ada@example.com', title });
  else await wallet.approve({ title });
  // The answered prompt goes before the next is looked for: its window closes or shows another prompt
  // (a window Firefox is closing may not answer at all: that counts as gone).
  const shown = () =>
    heading.textContent({ timeout: 1_000 }).then(
      (text) => text?.trim(),
      () => undefined,
    );
  await expect.poll(async () => prompt.isClosed() || (await shown()) !== title, { timeout: 15_000 }).toBe(true);
  return title;
}

for (const sample of pages)
  test(`${sample.where} runs in a page`, async ({ page, wallet }) => {
    const app = await startIntegratorApp(process.env.GRID_EMULATOR_URL!);
    try {
      await page.goto(`${app.url}samples/${sample.name}/`);
      const status = page.getByRole('status');
      const answered: string[] = [];
      if (sample.react) {
        // packages/react/README.md's Checkout: each button its state shows, each prompt it causes.
        await expect(status).toHaveText('Sample ran');
        for (const [button, prompt] of [
          ['Connect wallet', CONNECT],
          ['Sign in', CODE],
          ['Pay', PAYMENT],
        ] as const) {
          await page.getByRole('button', { name: button }).click();
          answered.push((await answer(wallet, await wallet.prompt({ title: prompt }))) ?? prompt);
        }
        // Paid: the Pay button is no longer pending.
        await expect(page.getByRole('button', { name: 'Pay' })).toBeEnabled();
      } else {
        // Until the sample ends, answer whatever it asks.
        const ended = status.filter({ hasNotText: 'Running…' });
        for (;;) {
          const prompt = wallet.prompt({ timeout: 30_000 }).catch(() => undefined);
          const next = await Promise.race([ended.waitFor({ timeout: 60_000 }).then(() => 'ended' as const), prompt]);
          if (next === 'ended' || next === undefined) break;
          const title = await answer(wallet, next);
          if (title !== undefined) answered.push(title);
        }
        await expect(status).toHaveText('Sample ran');
      }
      test.info().annotations.push({ type: 'prompts answered', description: answered.join(' → ') || 'none' });
    } finally {
      await app.close();
    }
  });

for (const sample of servers)
  test(`${sample.where} relays a user's own call and refuses another account's`, async ({ request }) => {
    const emulatorUrl = process.env.GRID_EMULATOR_URL!;
    Object.assign(process.env, {
      GRID_BASE_URL: emulatorUrl,
      GRID_API_TOKEN_ID: 'emulator-token',
      GRID_API_TOKEN_SECRET: 'emulator-secret',
    });
    const { relay } = (await import(`../samples/${sample.name}.ts`)) as { relay: (request: Request) => Promise<Response> };
    const { customer, account } = await (
      await request.post(`${emulatorUrl}/_emulator/accounts`, { data: { email: 'ada@example.com' } })
    ).json();
    const sessions = (accountId: string) =>
      relay(
        new Request(`http://app.example/api/grid/auth/sessions?accountId=${encodeURIComponent(accountId)}`, {
          headers: { 'x-test-user-account': account.id, 'x-test-user-customer': customer.id },
        }),
      );
    expect((await sessions(account.id)).status).toBe(200);
    expect((await sessions('InternalAccount:00000000-0000-4000-8000-000000000000')).status).toBe(403);
  });
