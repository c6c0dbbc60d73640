import type { BrowserContext, Page } from '@playwright/test';
import type { ApprovalInput, ApprovalKind, InternalAction, InternalRequests } from '../../src/extension-protocol/internal.ts';
import { internalCall } from '../../test-support/internalCall.ts';

/**
 * Answers approvals through the background's internal API from an extension page
 * (Chromium: Playwright can open one there), as the e2e tests do.
 */
export class InternalApi {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, extensionOrigin: string): Promise<InternalApi> {
    const page = await context.newPage();
    await page.goto(`${extensionOrigin}/src/popup/popup.html`);
    return new InternalApi(page);
  }

  async call<A extends InternalAction>(
    action: A,
    ...params: InternalRequests[A]['params'] extends Record<string, never> ? [] : [InternalRequests[A]['params']]
  ): Promise<InternalRequests[A]['result']> {
    const reply = await internalCall(this.page, action, ...params);
    if (reply.error) throw new Error(`internal ${action} failed: ${JSON.stringify(reply.error)}`);
    return reply.result as InternalRequests[A]['result'];
  }

  /** Waits for the pending approval of `kind` and approves it with `input`. */
  async approve(kind: ApprovalKind, input: ApprovalInput, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const approval = (await this.call('approvals/list')).find((a) => a.kind === kind);
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
