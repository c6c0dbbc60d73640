import type { BrowserContext, Page } from '@playwright/test';
import { APPROVAL_PATH, isCurrentApprovalWindow, unlessWindowClosed } from './approvalWindow.ts';
import { type NewestCodeOptions, newestCode } from './emulatorOutbox.ts';
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

/** How long the customer lets the site sign payments without asking (the prompt's "Don't ask again for …"). */
export type SigningGrant = '15 minutes' | '1 hour';

export interface ApproveOptions extends PromptOptions {
  /** Approve with a signing grant; only prompts that offer one (a payment signature) have it. */
  readonly grant?: SigningGrant;
}

export interface SignInWithCodeOptions extends PromptOptions, NewestCodeOptions {
  /** The local Grid emulator's URL, e.g. `http://127.0.0.1:8787`. */
  readonly emulatorUrl: string;
  /** The email or phone number the code was sent to. */
  readonly to: string;
}

/** The heading of the extension's code prompt. */
export const CODE_PROMPT_TITLE = 'Enter your sign-in code';

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

  /** Presses Approve on the prompt, first choosing the signing grant when `options.grant` is given. */
  async approve(options: ApproveOptions = {}): Promise<void> {
    const page = await this.prompt(options, 'approve it');
    if (options.grant !== undefined) {
      const choice = page.getByRole('radio', { name: `Don't ask again for ${options.grant}` });
      if (!(await choice.isVisible())) {
        const heading = await this.currentHeading(page);
        throw new Error(`The prompt “${heading}” offers no signing grant; only a payment signature does.`);
      }
      await choice.check();
    }
    await press(page, 'Approve');
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
   * Signs a test customer in with a code from the local Grid emulator: waits for
   * the code prompt, reads the newest code the emulator sent to `to` (sent before
   * the prompt opens, when the page asked Grid for the challenge) and enters it.
   */
  async signInWithCode(options: SignInWithCodeOptions): Promise<void> {
    await this.prompt({ title: CODE_PROMPT_TITLE, ...options }, 'enter a code');
    await this.enterCode(await newestCode(options.emulatorUrl, options.to, options), { title: CODE_PROMPT_TITLE, ...options });
  }

  /**
   * Runs `action` and fails if the extension opens a prompt meanwhile: for what a
   * signing grant covers, or what must never ask. Give an action that waits for
   * its outcome (the page shows the payment's result), so a prompt that the action
   * waits on is caught. No prompt may be open when it starts.
   */
  async expectNoPrompt<T>(action: () => Promise<T>): Promise<T> {
    const open = await this.openHeadings();
    if (open.length > 0) throw new Error(`expectNoPrompt: a prompt is already open (“${open[0]}”); answer it first.`);
    const opened: Page[] = [];
    const watch = (page: Page) => void (page.url().startsWith(`${this.extensionOrigin}${APPROVAL_PATH}`) && opened.push(page));
    this.context.on('page', watch);
    const outcome = await action().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    this.context.off('page', watch);
    // A window that opened and closed again during the action counts too.
    const headings = await this.openHeadings();
    if (opened.length > 0 || headings.length > 0) {
      const what = headings.length > 0 ? `“${headings.join('”, “')}”` : 'an approval window';
      throw new Error(`Expected no Grid Wallet prompt, but ${what} opened.`);
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
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

  private async openHeadings(): Promise<string[]> {
    const headings = await Promise.all(this.approvalPages().map((page) => this.currentHeading(page)));
    return headings.filter((heading) => heading !== undefined);
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

/** The buttons of the extension's prompts, by accessible name. */
export type PromptButton = 'Approve' | 'Reject' | 'Verify' | 'Resend code' | 'Reject all' | 'Done';

/** Clicks a prompt button; the answer that empties the queue may close the window before the click returns. */
export async function press(page: Page, name: PromptButton): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click().catch(unlessWindowClosed(page));
}
