import type { Page } from '@playwright/test';
import { type Extension, openExtension, type WalletReply } from '../support/extension.ts';
import { expectWindowClosed, internalCall } from '../support/approvals.ts';
import { startPageServer } from '../support/pageServer.ts';
import { connect } from '../support/wallet.ts';

/** Shared steps of the issue-9 §5 attack tests (prompts that outlive their reason, floods, swaps). */

/** How `reply` settled within `ms`, or 'still waiting' (a prompt opened instead of an answer). */
export function settledWithin(reply: Promise<WalletReply>, ms = 5_000): Promise<WalletReply | 'still waiting'> {
  return Promise.race([reply, new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms))]);
}

/** The approvals waiting in the background, as the approval window reads them. */
export async function pendingApprovals(extensionPage: Page): Promise<Array<{ id: string; origin: string; kind: string }>> {
  return (await internalCall(extensionPage, 'approvals/list')).result;
}

/** A seed-flow OTP prompt (no bundle): the page itself receives the code the user types. */
export const plainOtp = (n = 1) => ({
  credentialId: `AuthMethod:019542f5-0000-0000-0000-${String(n).padStart(12, '0')}`,
  channel: 'EMAIL',
});

/**
 * Settles with the page's reply, or with 'prompted' as soon as the request waits
 * in the approval queue (read from an extension page, as the toolbar does).
 */
export async function replyOrPrompt(extensionPage: Page, reply: Promise<WalletReply>): Promise<WalletReply | 'prompted'> {
  let settled = false;
  const answered = reply.finally(() => (settled = true));
  while (!settled) {
    if ((await internalCall(extensionPage, 'approvals/list')).result.length > 0) return 'prompted';
    await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  return answered;
}

/** A browser of its own (for a test that changes the extension's settings) and a connected page in it. */
export async function withOwnBrowser(work: (setup: { extension: Extension; page: Page }) => Promise<void>): Promise<void> {
  const [extension, pages] = await Promise.all([openExtension(), startPageServer()]);
  try {
    const page = await extension.context.newPage();
    await page.goto(`${pages.origin}/blank.html`);
    await page.waitForFunction(() => 'gridWallet' in window);
    await connect(extension, page);
    await expectWindowClosed(extension);
    await work({ extension, page });
  } finally {
    await extension.context.close();
    await pages.close();
  }
}
