import { type BrowserContext, expect, type Locator, type Page } from '@playwright/test';
import type { SessionInfo } from '@grid-wallet/sdk';
import { press } from './approvals.ts';
import type { DemoSite } from './demoSite.ts';
import { walletCall } from './extension.ts';
import { resultOf } from './wallet.ts';

/**
 * A customer on the demo page, doing what a person does: click the page's
 * buttons, answer the extension's window, read codes from the "inbox" (the
 * emulator's outbox). Browser-neutral: `findPrompt` knows where that browser's
 * approval window is.
 */

/** The approval window once it shows the prompt titled `title`. */
export type FindPrompt = (title: string) => Promise<Page>;

export const TITLES = {
  connect: 'Connect this site to your wallet?',
  otp: 'Enter your sign-in code',
  payment: 'Sign a transaction from your wallet',
  passkeyCreate: 'Create a passkey',
  passkeyGet: 'Sign in with your passkey',
  addPasskey: 'Add a passkey',
  addProvider: 'Add a sign-in provider',
  removePasskey: 'Remove a passkey',
  endSession: 'Sign out a session',
  newSession: 'Start a new session',
  exportWallet: 'Export your wallet',
  recoveryPhrase: 'Your secret recovery phrase',
  changeEmail: 'Set your sign-in email',
  delegatedKeyIdentity: 'Add a user with access to your wallet',
  delegatedKeyPolicy: 'Let that key sign card payments',
} as const;

/** The demo's default payment, as the status line reports it once Grid executed the quote. */
export const PAID = /^Payment COMPLETED: 12\.50 USD to \$ada@uma\.example, fee 0\.10 USD \(Quote:[0-9a-f-]+\)$/;

export class DemoCustomer {
  readonly status: Locator;
  email = '';
  phoneNumber = '';
  accountId = '';

  private constructor(
    readonly page: Page,
    readonly site: DemoSite,
    readonly prompt: FindPrompt,
  ) {
    this.status = page.getByRole('status');
  }

  /** Opens the demo page in `context` and waits until it has found the extension. */
  static async visit(context: BrowserContext, site: DemoSite, findPrompt: FindPrompt): Promise<DemoCustomer> {
    const page = await context.newPage();
    await page.goto(site.url);
    await expect(page.getByRole('region', { name: 'Extension' })).toContainText(/Grid Wallet \S+ found\./);
    return new DemoCustomer(page, site, findPrompt);
  }

  async click(button: string): Promise<void> {
    await this.page.getByRole('button', { name: button, exact: true }).click();
  }

  /** Waits for the status line to report an action's outcome (a failure shows its reason there). */
  async expectStatus(outcome: string | RegExp): Promise<string> {
    await expect(this.status).toHaveText(outcome);
    return (await this.status.textContent())!;
  }

  async approve(title: string): Promise<void> {
    await press(await this.prompt(title), 'Approve');
  }

  async connect(): Promise<void> {
    await this.click('Connect wallet');
    await this.approve(TITLES.connect);
    await this.expectStatus(`Connected ${new URL(this.site.url).origin} to the Grid Wallet`);
  }

  /** `scaRequired`: the customer's payments need an SMS code (Grid's Strong Customer Authentication). */
  async createCustomer({ scaRequired = false } = {}): Promise<void> {
    this.phoneNumber = await this.page.getByLabel('Phone number').inputValue();
    await this.page.getByLabel(/^Payments need an SMS code/).setChecked(scaRequired);
    await this.click('Create demo customer');
    const status = await this.expectStatus(/^Created \S+ with account InternalAccount:\S+$/);
    const [, email, accountId] = status.match(/^Created (\S+) with account (\S+)$/)!;
    this.email = email!;
    this.accountId = accountId!;
  }

  /** Starts an email-code sign-in and returns the OTP prompt (the code is already on its way). */
  async startEmailSignIn(seedFlow = false): Promise<Page> {
    await this.page.getByLabel('Use the seed (legacy) flow').setChecked(seedFlow);
    await this.click('Sign in with email code');
    return this.prompt(TITLES.otp);
  }

  /** The newest code sent to `to`, once the page's outbox panel (the customer's "inbox") shows it. */
  async readCode(to = this.email): Promise<string> {
    const code = await this.site.newestCode(to);
    const newest = this.page.getByRole('region', { name: 'Emulator outbox' }).getByRole('row').nth(1);
    await expect(newest).toContainText(to);
    await expect(newest.locator('code')).toHaveText(code);
    return code;
  }

  /** Types `code` into an OTP prompt and presses Verify. */
  async typeCode(prompt: Page, code: string): Promise<void> {
    await prompt.getByLabel('One-time code').pressSequentially(code);
    await press(prompt, 'Verify');
  }

  /** Types the newest code sent to `to` (the email by default). */
  async enterCode(prompt: Page, to = this.email): Promise<void> {
    await this.typeCode(prompt, await this.readCode(to));
  }

  async signInWithEmailCode(seedFlow = false): Promise<string> {
    await this.enterCode(await this.startEmailSignIn(seedFlow));
    return this.signedIn(`an email code (${seedFlow ? 'seed' : 'encrypted'} flow)`);
  }

  /** Waits for "Signed in with <how>" and returns the new session's id. */
  async signedIn(how: string): Promise<string> {
    const status = await this.expectStatus(new RegExp(`^Signed in with ${how.replace(/[()]/g, '\\$&')}: session Session:\\S+$`));
    return status.slice(status.lastIndexOf(' ') + 1);
  }

  async pay(): Promise<void> {
    await this.click('Send payment');
    await this.approve(TITLES.payment);
    await this.expectStatus(PAID);
  }

  /** The bodies of the credential-verify calls this page relays to Grid from now on (what the page saw of a sign-in). */
  watchVerifyBodies(): unknown[] {
    const bodies: unknown[] = [];
    this.page.on('request', (request) => {
      if (/^\/api\/grid\/auth\/credentials\/[^/]+\/verify$/.test(new URL(request.url()).pathname)) bodies.push(request.postDataJSON());
    });
    return bodies;
  }

  /** What the extension tells this page: `{ connected, version, sessions? }`. */
  async walletStatus(): Promise<{ connected: boolean; sessions?: SessionInfo[] }> {
    return resultOf(await walletCall(this.page, 'wallet_status'));
  }

  async walletSessionIds(): Promise<string[]> {
    return ((await this.walletStatus()).sessions ?? []).map((s) => s.sessionId);
  }

  async gridSessionIds(): Promise<string[]> {
    return (await this.site.sessionsAtGrid(this.accountId)).map((s) => s.id);
  }
}
