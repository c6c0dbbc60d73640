import type { Page } from '@playwright/test';
import { EXTENSION_ORIGIN, type Extension, expect, test as base, walletCall, type WalletReply } from './extension.ts';
import { APPROVAL_PATH, press, TOOLBAR_PATH, unlessWindowClosed } from '../../packages/playwright/src/index.ts';
import { internalCall } from '../../test-support/internalCall.ts';
import { ACCOUNT_ID, connect, inMinutes, resultOf } from './wallet.ts';

// Specs take the kit's press from here, beside the other prompt helpers; the internal call is shared with the bench.
export { press };
export { internalCall, type InternalReply } from '../../test-support/internalCall.ts';

/**
 * Helpers for the approval-window and toolbar-popup tests: the prompt page at
 * its real size, internal calls from an extension page, a queue that is empty
 * again after every test, and screenshots in both themes.
 */

export const APPROVAL_PAGE = `${EXTENSION_ORIGIN}${APPROVAL_PATH}`;
export const TOOLBAR_PAGE = `${EXTENSION_ORIGIN}${TOOLBAR_PATH}`;
/** The inside of the 400×640 popup window the background opens. */
const WINDOW_VIEWPORT = { width: 400, height: 600 };
const TOOLBAR_VIEWPORT = { width: 360, height: 600 };

const isApprovalPage = (page: Page) => !page.isClosed() && page.url().startsWith(APPROVAL_PAGE);

/** The approval window showing `title` (the prompt's heading), found by the kit, at the window's real size. */
export async function promptPage(extension: Extension, title?: string | RegExp): Promise<Page> {
  const page = await extension.approvalWindow(title);
  await page.setViewportSize(WINDOW_VIEWPORT);
  return page;
}

/** Waits for the background to close the approval window (the queue is empty). */
export async function expectWindowClosed(extension: Extension): Promise<void> {
  await expect.poll(() => extension.context.pages().some(isApprovalPage), { message: 'approval window still open' }).toBe(false);
}

/** Presses a key that may answer the last request (and so close the window). */
export async function pressKey(page: Page, key: 'Enter' | 'Escape'): Promise<void> {
  await page.keyboard.press(key).catch(unlessWindowClosed(page));
}

/** The approval window's state as the browser reports it ('normal', 'minimized', …), after setting it to `set`. */
async function windowState(extension: Extension, set?: 'minimized'): Promise<string | undefined> {
  return (await extension.serviceWorker()).evaluate(async (set) => {
    const { approvalWindow } = (await chrome.storage.session.get('approvalWindow')) as { approvalWindow?: { id: number } };
    if (!approvalWindow) return undefined;
    if (set) await chrome.windows.update(approvalWindow.id, { state: set });
    return (await chrome.windows.get(approvalWindow.id)).state;
  }, set);
}

export const approvalWindowState = (extension: Extension) => windowState(extension);

/** Minimises the approval window, as if the person had put it away. */
export async function minimiseApprovalWindow(extension: Extension): Promise<void> {
  await windowState(extension, 'minimized');
  await expect.poll(() => approvalWindowState(extension)).toBe('minimized');
}

/** The toolbar popup, opened as a tab (Playwright cannot reach the real action popup). */
export async function openToolbar(extension: Extension): Promise<Page> {
  const page = await extension.context.newPage();
  await page.setViewportSize(TOOLBAR_VIEWPORT);
  await page.goto(TOOLBAR_PAGE);
  await expect(page.getByRole('heading', { name: 'Connected sites' })).toBeVisible();
  return page;
}

/** A second page on another origin of the test's server (a second "tab" and site). */
export async function openSite(extension: Extension, origin: string): Promise<Page> {
  const page = await extension.context.newPage();
  await page.goto(`${origin}/blank.html`);
  await page.waitForFunction(() => 'gridWallet' in window);
  return page;
}

/**
 * Where screenshots go: the committed `e2e/screenshots/` only when a person asks
 * for new ones (`UPDATE_SCREENSHOTS=1 npx playwright test e2e/approvals/screenshots.spec.ts`),
 * so a test run never rewrites what reviewers look at; else `test-results/screenshots/`.
 */
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS === '1' ? 'e2e/screenshots' : 'test-results/screenshots';

/** Waits until a prompt's primary button is armed (they arm after a short delay), so a screenshot shows it as the customer will. */
export async function whenArmed(page: Page): Promise<void> {
  const decision = page.locator('.decision .button--primary');
  if (await decision.count()) await expect(decision).toBeEnabled();
}

/**
 * Saves `<name>-light.png` and `-dark.png`, once a prompt's buttons are armed.
 * `height` shows a long prompt whole (the window scrolls).
 */
export async function screenshotThemes(page: Page, name: string, height?: number): Promise<void> {
  await whenArmed(page);
  if (height) await page.setViewportSize({ width: page.viewportSize()!.width, height });
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}-${colorScheme}.png`, fullPage: true, animations: 'disabled' });
  }
  await page.emulateMedia({ colorScheme: null });
}

export const SESSION = {
  sessionId: 'Session:019542f5-b3e7-1d02-0000-00000000a001',
  nickname: 'ada@example.com',
  type: 'EMAIL_OTP',
} as const;

export interface OpenedSession {
  sessionId: string;
  publicKey: string;
}

/** Opens a client-held session (the client key becomes the session key) on a connected page. */
export async function addSession(page: Page, minutes = 15): Promise<OpenedSession> {
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  return resultOf(
    await walletCall(page, 'grid_openSession', {
      clientKeyId: clientKey.clientKeyId,
      accountId: ACCOUNT_ID,
      expiresAt: inMinutes(minutes),
      ...SESSION,
    }),
  );
}

/** Connects `page` (approving in the window) and opens a session. */
export async function openSession(extension: Extension, page: Page): Promise<OpenedSession> {
  await connect(extension, page);
  return addSession(page);
}

/** Signs `payloadToSign` (titled `title`) in the window, choosing "Don't ask again for …": a signing grant. */
export async function approveWithGrant(
  extension: Extension,
  page: Page,
  request: { sessionId: string; payloadToSign: string; title: string; grant: '15 minutes' | '1 hour' },
): Promise<{ signature: string; publicKey: string }> {
  const reply = ask(page, 'grid_signPayload', { sessionId: request.sessionId, payloadToSign: request.payloadToSign });
  const prompt = await promptPage(extension, request.title);
  await prompt.getByRole('radio', { name: `Don't ask again for ${request.grant}` }).check();
  await press(prompt, 'Approve');
  return resultOf(await reply);
}

/** Starts a prompting call without waiting for its answer. */
export function ask(page: Page, method: string, params?: unknown): Promise<WalletReply> {
  return walletCall(page, method, params);
}

/**
 * Starts a prompting call the test leaves unanswered: when the test's page closes
 * the call settles with an error, which must not surface in whichever test runs next.
 */
export function askAndLeave(page: Page, method: string, params?: unknown): void {
  void ask(page, method, params).catch(() => undefined);
}

/**
 * The shared fixture plus `extensionPage` (one extension tab per worker, for
 * internal calls) and an automatic clean-up: whatever a test leaves waiting is
 * rejected and the window is gone before the next test starts.
 */
export const test = base.extend<{ settle: undefined }, { extensionPage: Page }>({
  extensionPage: [
    async ({ extension }, use) => {
      const page = await extension.context.newPage();
      await page.goto(TOOLBAR_PAGE);
      await use(page);
    },
    { scope: 'worker' },
  ],
  // Depends on `page` so it runs before the page closes: the page's pending calls get their 4001.
  settle: [
    async ({ extension, extensionPage, page: _page }, use) => {
      await use(undefined);
      await internalCall(extensionPage, 'approvals/rejectAll');
      await expectWindowClosed(extension);
    },
    { auto: true },
  ],
});

export { expect };
