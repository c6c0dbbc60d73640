import type { BrowserContext, Page } from '@playwright/test';
import { APPROVAL_PATH, isCurrentApprovalWindow, unlessWindowClosed } from './approvalWindow.ts';
import type { WalletBrowser } from './launch.ts';
import { attachAuthenticator, type VirtualCredential } from './virtualAuthenticator.ts';

/**
 * The customer's side of the extension in a test: answer the prompt the page
 * caused, as a person would, by the prompt's accessible names. Every method waits
 * for the prompt and fails with a clear message when none comes.
 */
export interface PromptOptions {
  /** The prompt's heading (e.g. `Enter your sign-in code`); any prompt when absent. */
  readonly title?: string | RegExp;
  /** How long to wait for the prompt, in ms. Default 15 000. */
  readonly timeout?: number;
}

const POLL_MS = 100;
/** How long one look at a page may take before it counts as "not answering" (Firefox reports extension realms late). */
const LOOK_MS = 500;

export class WalletPrompts {
  /** Passkeys the virtual authenticator created, offered again to later prompts. */
  private readonly passkeys: VirtualCredential[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly browser: WalletBrowser,
    readonly extensionOrigin: string,
  ) {}

  /** The approval window once it shows a prompt (titled `title`, when given). */
  async prompt(options: PromptOptions = {}, purpose = 'answer it'): Promise<Page> {
    const timeout = options.timeout ?? 15_000;
    const deadline = Date.now() + timeout;
    let seen: string | undefined;
    while (Date.now() < deadline) {
      for (const page of this.approvalPages()) {
        const heading = await this.currentHeading(page);
        if (heading === undefined) continue;
        seen = heading;
        if (matches(heading, options.title)) return page;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    const wanted = options.title === undefined ? 'a Grid Wallet prompt' : `a Grid Wallet prompt titled “${String(options.title)}”`;
    const found = seen === undefined ? 'no approval window opened' : `the open prompt shows “${seen}”`;
    throw new Error(`Waited ${timeout} ms for ${wanted} (to ${purpose}), but ${found}.`);
  }

  /** Presses Approve on the prompt. */
  async approve(options: PromptOptions = {}): Promise<void> {
    await press(await this.prompt(options, 'approve it'), 'Approve');
  }

  /** Presses Reject on the prompt. */
  async reject(options: PromptOptions = {}): Promise<void> {
    await press(await this.prompt(options, 'reject it'), 'Reject');
  }

  /** Types a one-time code into the prompt's `One-time code` field and presses Verify. */
  async enterCode(code: string, options: PromptOptions = {}): Promise<void> {
    const page = await this.prompt(options, 'enter a code');
    await page.getByLabel('One-time code').fill(code);
    await press(page, 'Verify');
  }

  /**
   * Answers a passkey prompt (create or sign in) with a virtual authenticator that
   * remembers the passkeys it created in this browser. Chromium only: in Firefox, add
   * one with `addFirefoxAuthenticator` and answer with `approve()`.
   */
  async passkey(options: PromptOptions = {}): Promise<void> {
    if (this.browser !== 'chromium')
      throw new Error('wallet.passkey() needs Chromium: in Firefox, call addFirefoxAuthenticator(profileDir) and wallet.approve().');
    const page = await this.prompt(options, 'use a passkey');
    const authenticator = await attachAuthenticator(page, this.passkeys);
    await press(page, 'Approve');
    if (!page.isClosed()) await page.waitForEvent('close', { timeout: options.timeout ?? 15_000 }).catch(() => undefined);
    for (const credential of authenticator.created) {
      if (!this.passkeys.some((known) => known.credentialId === credential.credentialId)) this.passkeys.push(credential);
    }
  }

  private approvalPages(): Page[] {
    return this.context.pages().filter((page) => !page.isClosed() && page.url().startsWith(`${this.extensionOrigin}${APPROVAL_PATH}`));
  }

  /** The heading of `page` when it is the background's current approval window, else undefined. */
  private async currentHeading(page: Page): Promise<string | undefined> {
    const look = async () => {
      // Firefox reports an extension page's realm only once a command reaches it (Mozilla bug 1755014).
      if (this.browser === 'firefox') await page.mouse.move(0, 0);
      if (!(await isCurrentApprovalWindow(page))) return undefined;
      const heading = page.getByRole('heading', { level: 1 });
      return (await heading.isVisible()) ? ((await heading.textContent()) ?? '').trim() : undefined;
    };
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), LOOK_MS));
    return Promise.race([look().catch(() => undefined), timeout]);
  }
}

function matches(heading: string, title: string | RegExp | undefined): boolean {
  if (title === undefined) return true;
  return typeof title === 'string' ? heading === title : title.test(heading);
}

/** Clicks a prompt button; the answer that empties the queue may close the window before the click returns. */
async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click().catch(unlessWindowClosed(page));
}
