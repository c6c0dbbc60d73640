import type { BrowserContext, Page } from '@playwright/test';
import { EXTENSION_ORIGIN } from '../../e2e/support/extension.ts';

/**
 * What the customer feels around a prompt, timed with the browser's own clocks:
 * the page stamps when it sent a request and when the answer arrived
 * (`performance.timeOrigin + performance.now()`, epoch ms), and a script injected
 * into every approval window stamps, on the same clock, the frame after a prompt
 * heading appeared (the request is rendered) and each button click. Playwright
 * only carries these numbers; its own latency is in none of them.
 */

interface Mark {
  name: string;
  at: number;
}

const APPROVAL_PAGE = `${EXTENSION_ORIGIN}/src/popup/approval.html`;

/** Runs in every page of the context; does something only in the approval window. */
function instrumentApprovalWindow(approvalPage: string): void {
  if (!location.href.startsWith(approvalPage)) return;
  const mark = (name: string) => (window as any).benchMark(name, performance.timeOrigin + performance.now());
  const seen = new Set<string>();
  new MutationObserver(() => {
    const text = document.querySelector('h1')?.textContent?.trim();
    if (!text || seen.has(text)) return;
    seen.add(text);
    requestAnimationFrame(() => mark(`shown:${text}`));
  }).observe(document, { subtree: true, childList: true, characterData: true });
  addEventListener('click', (event) => mark(`click:${(event.target as Element).closest('button')?.textContent?.trim() ?? ''}`), true);
}

export class PromptClock {
  private readonly marks: Mark[] = [];

  private constructor(private readonly context: BrowserContext) {}

  static async install(context: BrowserContext): Promise<PromptClock> {
    const clock = new PromptClock(context);
    await context.exposeBinding('benchMark', (_source, name: string, at: number) => void clock.marks.push({ name, at }));
    await context.addInitScript(instrumentApprovalWindow, APPROVAL_PAGE);
    return clock;
  }

  /** The first mark whose name starts with `prefix`, made after `after` (epoch ms). */
  async next(prefix: string, after: number, timeoutMs = 15_000): Promise<Mark> {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 5))) {
      const found = this.marks.find((m) => m.name.startsWith(prefix) && m.at >= after);
      if (found) return found;
    }
    throw new Error(`no ${prefix} mark after ${after}`);
  }

  /** The approval window that is currently open (its heading rendered). */
  async window(): Promise<Page> {
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 10))) {
      const page = this.context.pages().find((p) => !p.isClosed() && p.url().startsWith(APPROVAL_PAGE));
      if (page) return page;
    }
    throw new Error('no approval window');
  }
}

export interface PromptSample {
  /** Request sent → the prompt's heading painted in the approval window. */
  visibleMs: number;
  /** The prompt's heading, to show what was rendered. */
  heading: string;
  /** The decisive click (Approve, Verify, Reject) → the answer at the page. */
  answerMs: number;
  reply: { result?: any; error?: string };
}

/**
 * Sends one prompting request from `page`, waits for it to be rendered, lets
 * `act` click in the window, and returns the two timings.
 */
export async function timePrompt(
  clock: PromptClock,
  page: Page,
  key: string,
  method: string,
  params: unknown,
  button: 'Approve' | 'Reject' | 'Verify',
  act: (window: Page) => Promise<void>,
): Promise<PromptSample> {
  const sentAt: number = await page.evaluate(([k, m, p]) => (window as any).bench.ask(k, m, p), [key, method, params] as const);
  const shown = await clock.next('shown:', sentAt);
  const approval = await clock.window();
  await act(approval);
  const click = await clock.next(`click:${button}`, shown.at);
  await page.waitForFunction((k) => (window as any).bench.outcome(k) !== null, key, { timeout: 15_000 });
  const outcome = await page.evaluate((k) => (window as any).bench.outcome(k), key);
  // The window closes when its queue is empty; wait for that so the next sample opens a fresh one.
  for (const deadline = Date.now() + 5_000; !approval.isClosed() && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
  return { visibleMs: shown.at - sentAt, heading: shown.name.slice('shown:'.length), answerMs: outcome.at - click.at, reply: outcome };
}
