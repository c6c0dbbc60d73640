import type { BrowserContext, Page } from '@playwright/test';

/**
 * Answers approvals through the background's internal API from an extension page
 * (never through the approval window's DOM, which is being rebuilt).
 */
export class InternalApi {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionOrigin: string): Promise<InternalApi> {
    const page = await context.newPage();
    await page.goto(`${extensionOrigin}/src/popup/popup.html`);
    return new InternalApi(page);
  }

  async call(action: string, params: unknown = {}): Promise<any> {
    const reply = await this.page.evaluate(
      ([action, params]) => (globalThis as any).chrome.runtime.sendMessage({ kind: 'internal', action, params }),
      [action, params] as const,
    );
    if (!reply || 'error' in reply) throw new Error(`internal ${action} failed: ${JSON.stringify(reply)}`);
    return reply.result;
  }

  /** Waits for the pending approval of `kind` and approves it with `input`. */
  async approve(kind: string, input: unknown, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const pending = (await this.call('approvals/list')) as Array<{ id: string; kind: string }>;
      const approval = pending.find((a) => a.kind === kind);
      if (approval) {
        const decided = await this.call('approvals/decide', { approvalId: approval.id, approved: true, input });
        if (!decided.ok) throw new Error(`approval refused: ${JSON.stringify(decided)}`);
        return;
      }
      if (Date.now() > deadline) throw new Error(`no ${kind} approval appeared`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
