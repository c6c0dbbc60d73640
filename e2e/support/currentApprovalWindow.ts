import type { Page } from '@playwright/test';

/**
 * Whether `page` (an approval page) is the window the background shows prompts
 * in now, not the one it is closing because its queue just emptied: that one can
 * still show a prompt (even the next request's) for a moment before it goes.
 * Reads the background's own record (`approvalWindow` in storage.session).
 */
export function isCurrentApprovalWindow(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const [{ approvalWindow }, current] = await Promise.all([chrome.storage.session.get('approvalWindow'), chrome.windows.getCurrent()]);
    const state = approvalWindow as { id: number; closing?: boolean } | undefined;
    return state !== undefined && state.id === current.id && !state.closing;
  });
}
