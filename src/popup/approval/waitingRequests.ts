import browser from 'webextension-polyfill';
import type { ApprovalView } from '../../extension-protocol/internal.ts';
import { isApprovalKey, pendingRecords } from '../../extension-protocol/pendingApprovals.ts';

/**
 * The approval window's queue, read where the background keeps it
 * (`storage.session`, extension-protocol/pendingApprovals.ts) instead of asked of the
 * worker: the request the window was opened for is already there, so the first
 * paint is the prompt, and changes arrive as storage events.
 */
export async function readWaitingRequests(): Promise<ApprovalView[]> {
  return pendingRecords<{ view: ApprovalView }>(await browser.storage.session.get(null)).map((record) => record.view);
}

/** Calls `changed` whenever a waiting request is added, answered or dropped. */
export function onWaitingRequestsChange(changed: () => void): () => void {
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'session' && Object.keys(changes).some(isApprovalKey)) changed();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
