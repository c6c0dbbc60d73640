import type { Page } from '@playwright/test';

/** The path of the extension's approval window, under its origin. */
export const APPROVAL_PATH = '/src/popup/approval.html';
/** The path of the toolbar popup (connected sites, activity, settings), which also opens as a tab. */
export const TOOLBAR_PATH = '/src/popup/popup.html';

/**
 * Whether `page` (an approval page) is the window the background shows prompts
 * in now, not one it is closing because its queue just emptied: that one can
 * still show a prompt for a moment before it goes. Reads the background's own
 * record (`approvalWindow` in storage.session), which ships with this kit's build.
 */
export function isCurrentApprovalWindow(page: Page): Promise<boolean> {
  return page.evaluate(async () => {
    const api = (globalThis as any).chrome; // both browsers' extension pages have it, promise-based
    const [{ approvalWindow }, current] = await Promise.all([api.storage.session.get('approvalWindow'), api.windows.getCurrent()]);
    const state = approvalWindow as { id: number; closing?: boolean } | undefined;
    return state !== undefined && state.id === current.id && !state.closing;
  });
}

/**
 * For a click or key press that may answer the last waiting request: the
 * background then closes the window, at times before Playwright's action returns.
 * Rethrows anything else.
 */
export const unlessWindowClosed =
  (page: Page) =>
  (error: unknown): void => {
    if (!page.isClosed() && !/has been closed/.test(String(error))) throw error;
  };
