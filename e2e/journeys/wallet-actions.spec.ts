import type { Page } from '@playwright/test';
import { press } from '../support/approvals.ts';
import { dumpStores } from '../support/storeDump.ts';
import { TITLES } from '../support/demoCustomer.ts';
import { expect, test } from '../support/journey.ts';

/** Every `message` event the page receives from now on, as JSON text (capture phase: nothing on the page can hide one). */
async function recordMessages(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __messages: string[] }).__messages = seen;
    window.addEventListener('message', (event) => seen.push(JSON.stringify(event.data)), true);
  });
  return () => page.evaluate(() => (window as unknown as { __messages: string[] }).__messages);
}

/** The phrase, and every run of three of its words: none may appear anywhere the page can read. */
function fragments(mnemonic: string): string[] {
  const words = mnemonic.split(' ');
  return [mnemonic, ...words.slice(0, -2).map((_, i) => words.slice(i, i + 3).join(' '))];
}

test('a wallet export is shown only in the extension, and matches the wallet at Grid', async ({ extension, site, customer }) => {
  const messages = await recordMessages(customer.page);
  await customer.connect();
  await customer.createCustomer();
  await customer.signInWithEmailCode();

  await customer.click('Export wallet');
  const sign = await customer.prompt(TITLES.exportWallet);
  await expect(sign.getByText(/secret recovery phrase/)).toBeVisible();
  await press(sign, 'Approve');

  const window = await customer.prompt(TITLES.recoveryPhrase);
  await expect(window.getByTestId('recovery-phrase')).toHaveCount(0);
  await expect(window.getByText('The phrase is hidden until you reveal it.')).toBeVisible();
  await window.getByRole('button', { name: 'Reveal phrase' }).click();
  const list = window.getByRole('list', { name: /^Secret recovery phrase, 12 words$/ });
  await expect(list).toBeVisible();
  const shown = (await list.locator('.phrase__word').allTextContents()).join(' ');
  const { mnemonic } = await site.walletAtGrid(customer.accountId);
  expect(shown).toBe(mnemonic);

  // To be written down: no Copy, and the window says why (e2e/attacks/wallet-export.spec.ts tries the clipboard).
  await expect(window.getByText(/never puts them on the clipboard/)).toBeVisible();
  await expect(window.getByRole('button', { name: /copy/i })).toHaveCount(0);
  await press(window, 'Done'); // answers the last request, so the window may close under the click
  await customer.expectStatus('The extension showed the recovery phrase in its own window (this page never received it)');

  const dom = await customer.page.evaluate(
    () => document.documentElement.outerHTML + [...document.querySelectorAll('input')].map((i) => i.value).join('\n'),
  );
  const received = (await messages()).join('\n');
  expect(received).toContain('grid_showWalletExport');
  for (const fragment of fragments(mnemonic)) {
    expect(dom).not.toContain(fragment);
    expect(received).not.toContain(fragment);
  }
  // Nor does the extension keep it anywhere.
  const stored = (await dumpStores(extension)).text;
  for (const fragment of fragments(mnemonic)) expect(stored).not.toContain(fragment);
});

test('a delegated key for a card and an email change, each approved in the extension', async ({ site, customer }) => {
  await customer.connect();
  await customer.createCustomer();
  await customer.signInWithEmailCode();

  // Two signatures: the key's identity, then its signing policy; the site names the card, marked as its words.
  await customer.click('Create delegated key');
  const identity = await customer.prompt(TITLES.delegatedKeyIdentity);
  await expect(identity.getByRole('definition').filter({ hasText: 'Demo card key' })).toBeVisible();
  await expect(identity.getByRole('figure')).toContainText('What the site says (not checked by the wallet)CardDemo debit card');
  await press(identity, 'Approve');
  const policy = await customer.prompt(TITLES.delegatedKeyPolicy);
  await expect(policy.getByText(/without asking you/)).toBeVisible();
  await press(policy, 'Approve');
  const status = await customer.expectStatus(/^Delegated key DelegatedKey:\S+ is ACTIVE for Card:\S+$/);
  const keys = await site.delegatedKeysAtGrid(customer.accountId);
  expect(keys.map((k) => [k.id, k.status])).toEqual([[status.split(' ')[2], 'ACTIVE']]);

  // The new address comes from the payload; the current one is what the site says.
  const oldEmail = customer.email;
  const newEmail = `changed-${Date.now()}@example.com`;
  await customer.page.getByLabel('New email').fill(newEmail);
  await customer.click('Change email');
  const change = await customer.prompt(TITLES.changeEmail);
  await expect(change.getByRole('definition').filter({ hasText: newEmail })).toBeVisible();
  await expect(change.getByRole('figure')).toContainText(`Current email${oldEmail}`);
  await press(change, 'Approve');
  await customer.expectStatus(`Changed the sign-in email from ${oldEmail} to ${newEmail}`);
  const credentials = await site.credentialsAtGrid(customer.accountId);
  expect(credentials.find((c) => c.type === 'EMAIL_OTP')?.nickname).toBe(newEmail);
});
