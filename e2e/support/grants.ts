import type { Page } from '@playwright/test';
import { PAYMENT } from '../approvals/payloads.ts';
import { EXTENSION_ORIGIN, type Extension, walletCall, type WalletReply } from './extension.ts';

/**
 * Signs once and approves with "don't ask again for an hour" through the same
 * internal message the approval window sends (from another extension page, since
 * the approval window closes itself once its queue is empty).
 */
export async function signWithGrant(extension: Extension, page: Page, sessionId: string, payloadToSign = PAYMENT): Promise<WalletReply> {
  const reply = walletCall(page, 'grid_signPayload', { sessionId, payloadToSign });
  await extension.approvalWindow();
  const extensionPage = await extension.context.newPage();
  await extensionPage.goto(`${EXTENSION_ORIGIN}/src/popup/popup.html`);
  await extensionPage.evaluate(async () => {
    const send = (action: string, params: unknown) => chrome.runtime.sendMessage({ kind: 'internal', action, params });
    const { result } = await send('approvals/list', {});
    const pending = result.find((a: { kind: string }) => a.kind === 'sign');
    if (!pending) throw new Error('no sign approval is waiting');
    return send('approvals/decide', { approvalId: pending.id, approved: true, input: { kind: 'sign', grantMinutes: 60 } });
  });
  await extensionPage.close();
  return reply;
}
