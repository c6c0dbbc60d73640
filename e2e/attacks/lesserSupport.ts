import type { Page } from '@playwright/test';
import { internalCall } from '../support/approvals.ts';

/** Shared steps of the issue-9 §5 attack tests (prompts that outlive their reason, floods, swaps). */

/** The approvals waiting in the background, as the approval window reads them. */
export async function pendingApprovals(extensionPage: Page): Promise<Array<{ id: string; origin: string; kind: string }>> {
  return (await internalCall(extensionPage, 'approvals/list')).result;
}

/** A seed-flow OTP prompt (no bundle): the page itself receives the code the user types. */
export const plainOtp = (n = 1) => ({
  credentialId: `AuthMethod:019542f5-0000-0000-0000-${String(n).padStart(12, '0')}`,
  channel: 'EMAIL',
});
