import type { Page } from '@playwright/test';
import type { ApprovalView } from '../../src/extension-protocol/internal.ts';
import { type Extension, openExtension } from '../support/extension.ts';
import { expectWindowClosed, internalCall } from '../support/approvals.ts';
import { startPageServer } from '../support/pageServer.ts';
import { connect, resultOf } from '../support/wallet.ts';

/** Shared steps of the prompt-integrity attack tests (docs/security-model.md §3.10) (prompts that outlive their reason, floods, swaps). */

/** The approvals waiting in the background, as the approval window reads them. */
export async function pendingApprovals(extensionPage: Page): Promise<ApprovalView[]> {
  return resultOf(await internalCall(extensionPage, 'approvals/list'));
}

/** A seed-flow OTP prompt (no bundle): the page itself receives the code the user types. */
export const plainOtp = (n = 1) => ({
  credentialId: `AuthMethod:019542f5-0000-0000-0000-${String(n).padStart(12, '0')}`,
  channel: 'EMAIL',
});

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
