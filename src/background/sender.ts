import type { Runtime } from 'webextension-polyfill';

/**
 * Who is asking, from the browser's MessageSender only, never from the message:
 * a compromised page can lie in its messages but not about its own origin.
 */

export interface PageSender {
  origin: string;
  tabId: number;
}

/** A top-level http(s) document's content script, or null for anything else. */
export function pageSenderOf(sender: Runtime.MessageSender, extensionId: string): PageSender | null {
  if (sender.id !== extensionId || !sender.tab?.id || sender.frameId !== 0) return null;
  const origin = (sender as { origin?: string }).origin ?? urlOrigin(sender.url);
  if (!origin || !/^https?:\/\//.test(origin)) return null;
  return { origin, tabId: sender.tab.id };
}

/** True for the extension's own pages (approval window, toolbar popup). */
export function isExtensionPage(sender: Runtime.MessageSender, extensionId: string, extensionUrl: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionUrl);
}

function urlOrigin(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
