import type { Page } from '@playwright/test';
import { PAYMENT } from '../approvals/payloads.ts';
import { internalCall, TOOLBAR_PAGE } from './approvals.ts';
import { type Extension, walletCall, type WalletReply } from './extension.ts';

/**
 * Signs once and approves with "don't ask again for an hour" through the same
 * internal message the approval window sends (from another extension page, since
 * the approval window closes itself once its queue is empty).
 */
export async function signWithGrant(extension: Extension, page: Page, sessionId: string, payloadToSign = PAYMENT): Promise<WalletReply> {
  const reply = walletCall(page, 'grid_signPayload', { sessionId, payloadToSign });
  await extension.approvalWindow();
  const extensionPage = await extension.context.newPage();
  await extensionPage.goto(TOOLBAR_PAGE);
  const pending = (await internalCall(extensionPage, 'approvals/list')).result?.find((approval) => approval.kind === 'sign');
  if (!pending) throw new Error('no sign approval is waiting');
  await internalCall(extensionPage, 'approvals/decide', {
    approvalId: pending.id,
    approved: true,
    input: { kind: 'sign', grantMinutes: 60 },
  });
  await extensionPage.close();
  return reply;
}
