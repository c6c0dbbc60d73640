import type { Page } from '@playwright/test';

/** What a page's `gridWallet.request` settled with. */
export type WalletReply = { result: any } | { error: { code: number; message: string; data?: any } };

/** Calls `window.gridWallet.request` in `page` and returns how it settled, never throwing. */
export function walletCall(page: Page, method: string, params?: unknown): Promise<WalletReply> {
  return page.evaluate(
    async ([method, params]) => {
      try {
        return { result: await (window as any).gridWallet.request({ method, params }) };
      } catch (error: any) {
        return { error: { code: error.code, message: error.message, data: error.data } };
      }
    },
    [method, params] as const,
  );
}
