import { type BrowserContext, expect, type Page } from '@playwright/test';
import { EXTENSION_ORIGIN } from '../../e2e/support/extension.ts';
import type { BenchBrowser } from './browsers.ts';

/**
 * What the customer feels around a prompt, timed with the browser's own clocks:
 * the page stamps when it sent a request and when the answer arrived
 * (`performance.timeOrigin + performance.now()`, epoch ms); the approval window,
 * on the same clock, the first DOM mutation at which the prompt's heading is
 * there (the request is rendered; polled every 1 ms in the window, and late by
 * the time Playwright needs to attach to a new window); and the click on the
 * decisive button is dispatched inside the window one task after reading that clock.
 * Playwright only carries these numbers; its own latency is in none of them.
 */

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Whether `page` is closed. Under BiDi, Firefox's closed windows stay in
 * context.pages() and never report `isClosed()`, but a command to one fails.
 */
async function isGone(page: Page): Promise<boolean> {
  if (page.isClosed()) return true;
  return Promise.race([
    page.mouse.move(0, 0).then(
      () => false,
      () => true,
    ),
    sleep(1_000).then(() => true),
  ]);
}

/**
 * The window whose page's URL starts with `url` that was not there `before` (a
 * window the last sample closed may still be listed: Firefox keeps closed ones).
 */
async function newWindow(context: BrowserContext, url: string, before: ReadonlySet<Page>): Promise<Page> {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(10)) {
    const page = context.pages().find((p) => !before.has(p) && !p.isClosed() && p.url().startsWith(url));
    if (page) return page;
  }
  throw new Error(`no window with ${url}`);
}

/**
 * The browser's own floor for a prompt: `windows.create` of a popup window the
 * approval window's size, holding a static extension resource (no script, no
 * request), called from an extension page → that document's DOMContentLoaded,
 * on the same epoch clock. What a prompt takes beyond this is ours. The extension
 * page is an extension tab in Chromium; in Firefox, where Playwright cannot open
 * one, it is an open approval window (`browser` says which, for the kit's workaround).
 */
export async function timeBlankWindow(
  browser: Pick<BenchBrowser, 'name' | 'context'>,
  extensionPage: Page,
  extensionOrigin = EXTENSION_ORIGIN,
): Promise<number> {
  const url = `${extensionOrigin}/icons/icon-128.png`;
  const before = new Set(browser.context.pages());
  const [sentAt, windowId]: [number, number] = await extensionPage.evaluate(async (u) => {
    const at = performance.timeOrigin + performance.now();
    const created = await (globalThis as any).chrome.windows.create({ url: u, type: 'popup', width: 400, height: 640, focused: true });
    return [at, created.id];
  }, url);
  const window = await newWindow(browser.context, url, before);
  if (browser.name === 'firefox') await window.mouse.move(0, 0); // its realm, as for the approval window
  const loaded = await window.waitForFunction(
    () => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      return nav && nav.domContentLoadedEventEnd > 0 ? performance.timeOrigin + nav.domContentLoadedEventEnd : null;
    },
    undefined,
    { polling: 1, timeout: 15_000 },
  );
  const loadedAt = (await loaded.jsonValue())!;
  // Closed by the extension page that opened it: Firefox under BiDi does not close windows it did not open.
  await extensionPage.evaluate((id) => (globalThis as any).chrome.windows.remove(id), windowId);
  return loadedAt - sentAt;
}

export interface PromptSample {
  /** Request sent → the prompt's heading in the approval window's DOM. */
  visibleMs: number;
  /** Of that, request sent → the approval window's document began (its `performance.timeOrigin`): the worker's part plus creating the window. */
  openedMs: number;
  /** The prompt's heading, to show what was rendered. */
  heading: string;
  /** The decisive click (Approve, Verify, Reject) → the answer at the page. */
  answerMs: number;
  reply: { result?: any; error?: string };
}

/**
 * Sends one prompting request from `page`, waits for it to be rendered, lets
 * `prepare` fill the window (the code), clicks `button`, and returns the timings.
 */
export async function timePrompt(
  browser: BenchBrowser,
  page: Page,
  key: string,
  method: string,
  params: unknown,
  button: 'Approve' | 'Reject' | 'Verify',
  prepare: (window: Page) => Promise<void> = async () => undefined,
): Promise<PromptSample> {
  const before = new Set(browser.context.pages());
  const sentAt: number = await page.evaluate(([k, m, p]) => (window as any).bench.ask(k, m, p), [key, method, params] as const);
  const approval = await newWindow(browser.context, browser.approvalPage, before);
  if (browser.name === 'firefox') await approval.mouse.move(0, 0); // its realm, for the evaluate that follows (the kit's workaround)
  const rendered = await approval.waitForFunction(
    () => {
      const heading = document.querySelector('h1')?.textContent?.trim();
      return heading ? { heading, at: performance.timeOrigin + performance.now(), opened: performance.timeOrigin } : null;
    },
    undefined,
    { polling: 1, timeout: 15_000 },
  );
  const shown = (await rendered.jsonValue())!;
  const target = approval.getByRole('button', { name: button, exact: true });
  await target.waitFor();
  await prepare(approval);
  await expect(target).toBeEnabled(); // armed (the window ignores clicks for its first moments)
  const clickedAt: number = await approval.evaluate((name) => {
    const element = [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
    // Clicked in the next task, so this evaluate returns before the answer closes the window.
    const at = performance.timeOrigin + performance.now();
    setTimeout(() => element.click(), 0);
    return at;
  }, button);
  await page.waitForFunction((k) => (window as any).bench.outcome(k) !== null, key, { timeout: 15_000 });
  const outcome = await page.evaluate((k) => (window as any).bench.outcome(k), key);
  // The window closes when its queue is empty; wait for that so the next sample opens a fresh one.
  for (const deadline = Date.now() + 5_000; !(await isGone(approval)) && Date.now() < deadline; ) await sleep(10);
  return {
    visibleMs: shown.at - sentAt,
    openedMs: shown.opened - sentAt,
    heading: shown.heading,
    answerMs: outcome.at - clickedAt,
    reply: outcome,
  };
}
