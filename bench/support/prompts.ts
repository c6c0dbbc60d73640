import { type BrowserContext, expect, type Page } from '@playwright/test';
import { unlessWindowClosed } from '../../packages/playwright/src/index.ts';
import type { BenchBrowser } from './browsers.ts';

/**
 * What the customer feels around a prompt, timed with the browser's own clocks:
 * the page stamps when it sent a request and when the answer arrived
 * (`performance.timeOrigin + performance.now()`, epoch ms); the approval window,
 * on the same clock, its first contentful paint, which is the prompt (the browser's
 * paint timing; where it has none, the first moment the prompt's heading is seen
 * in the DOM, polled every 1 ms and late by the time Playwright needs to attach to
 * a new window); and the click on the decisive button, a real one, at its event's time stamp.
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
 * request), called from an extension page → the tab's `status: 'complete'` as that
 * page hears it, on its clock. What a prompt takes beyond this is ours. Timed
 * inside the extension page, with no Playwright in the loop: Firefox under BiDi
 * does not reach a new window's image document. The extension page is an extension
 * tab in Chromium; in Firefox, where Playwright cannot open one, an open approval window.
 */
export function timeBlankWindow(browser: Pick<BenchBrowser, 'extensionOrigin'>, extensionPage: Page): Promise<number> {
  // No named function inside: tsx's keepNames would wrap it in a `__name` helper the page does not have.
  return extensionPage.evaluate(async (url) => {
    const api = (globalThis as any).chrome;
    const completed = new Map<number, number>();
    const listener = [
      (tabId: number, change: { status?: string }) => {
        if (change.status === 'complete') completed.set(tabId, performance.timeOrigin + performance.now());
      },
    ][0]!;
    api.tabs.onUpdated.addListener(listener);
    const sentAt = performance.timeOrigin + performance.now();
    const created = await api.windows.create({ url, type: 'popup', width: 400, height: 640, focused: true });
    const tabId: number = created.tabs[0].id;
    for (const deadline = Date.now() + 15_000; !completed.has(tabId); await new Promise((r) => setTimeout(r, 1)))
      if (Date.now() > deadline) throw new Error('the static window never completed');
    api.tabs.onUpdated.removeListener(listener);
    await api.windows.remove(created.id);
    return completed.get(tabId)! - sentAt;
  }, `${browser.extensionOrigin}/icons/icon-128.png`);
}

export interface PromptSample {
  /** Request sent → the prompt painted (the window's first contentful paint; else its heading seen in the DOM). */
  visibleMs: number;
  /** Of that, request sent → the approval window's document began (its `performance.timeOrigin`): the worker's part plus creating the window. */
  openedMs: number;
  /** Request sent → the heading first seen by the bench's polling in the window: an upper bound, late by Playwright's attach. */
  seenMs: number;
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
      if (!heading) return null;
      const painted = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      return { heading, at: performance.timeOrigin + performance.now(), opened: performance.timeOrigin, painted };
    },
    undefined,
    { polling: 1, timeout: 15_000 },
  );
  const shown = (await rendered.jsonValue())!;
  const target = approval.getByRole('button', { name: button, exact: true });
  await target.waitFor();
  await prepare(approval);
  await expect(target).toBeEnabled(); // armed (the window ignores clicks for its first moments)
  // A real click (the window's press gate ignores a scripted one), timed by the window's own clock: its
  // click event's time stamp, sent back as the click is dispatched, before the answer can close the window.
  const clicked: Promise<number> = approval.evaluate(
    () =>
      new Promise((resolve) =>
        addEventListener('click', (event) => resolve(performance.timeOrigin + event.timeStamp), { capture: true, once: true }),
      ),
  );
  await target.click().catch(unlessWindowClosed(approval));
  const clickedAt = await clicked;
  await page.waitForFunction((k) => (window as any).bench.outcome(k) !== null, key, { timeout: 15_000 });
  const outcome = await page.evaluate((k) => (window as any).bench.outcome(k), key);
  // The window closes when its queue is empty; wait for that so the next sample opens a fresh one.
  for (const deadline = Date.now() + 5_000; !(await isGone(approval)) && Date.now() < deadline; ) await sleep(10);
  return {
    // The window's own paint timing when it has one: Playwright reaches a new window late (in Firefox by
    // 100–250 ms), so the polled moment is only an upper bound. The first render is the prompt (the window
    // reads the queue before it renders), so the first contentful paint is the prompt's.
    visibleMs: (shown.painted === undefined ? shown.at : Math.min(shown.at, shown.opened + shown.painted)) - sentAt,
    openedMs: shown.opened - sentAt,
    seenMs: shown.at - sentAt,
    heading: shown.heading,
    answerMs: outcome.at - clickedAt,
    reply: outcome,
  };
}
