import type { Page } from '@playwright/test';
import type { WalletReply } from '../support/extension.ts';
import { internalCall } from '../support/approvals.ts';

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
