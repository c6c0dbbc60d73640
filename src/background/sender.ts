import type { Runtime } from 'webextension-polyfill';

/**
 * Who is asking, from the browser's MessageSender only, never from the message:
 * a compromised page can lie in its messages but not about its own origin.
 */

export interface PageSender {
  origin: string;
  tabId: number;
}

/** Tells whether an origin is one the content script may run on. */
export type OriginRule = (origin: string) => boolean;

/**
 * The origins the manifest's content scripts match, read from the manifest
 * itself so there is one list. Only the `scheme://host/*` and `https://*` forms
 * the manifest uses are understood; anything else matches nothing (fail closed).
 * Match patterns ignore the port, so `http://localhost/*` covers every port.
 */
export function contentScriptOrigins(manifest: { content_scripts?: Array<{ matches?: string[] }> }): OriginRule {
  const patterns = (manifest.content_scripts ?? []).flatMap((script) => script.matches ?? []);
  const rules = patterns.map(matchPatternRule);
  return (origin) => rules.some((rule) => rule(origin));
}

function matchPatternRule(pattern: string): OriginRule {
  const parts = /^(https?):\/\/(\*|[a-z0-9.-]+)\/\*$/.exec(pattern);
  if (!parts) return () => false;
  const [, scheme, host] = parts;
  return (origin) => {
    const url = parseOrigin(origin);
    return url !== null && url.protocol === `${scheme}:` && (host === '*' || url.hostname === host);
  };
}

/** The URL of a serialised origin (`scheme://host[:port]`, nothing more), or null. */
function parseOrigin(origin: string): URL | null {
  try {
    const url = new URL(origin);
    return url.origin === origin ? url : null;
  } catch {
    return null;
  }
}

/**
 * A top-level document's content script on an origin the manifest covers, or
 * null for anything else. The origin is the browser's `sender.origin` (Chrome
 * 80+, Firefox 126+): without it the request is refused, never guessed from the URL.
 */
export function pageSenderOf(sender: Runtime.MessageSender, extensionId: string, allowed: OriginRule): PageSender | null {
  if (sender.id !== extensionId || !sender.tab?.id || sender.frameId !== 0) return null;
  const origin = (sender as { origin?: unknown }).origin;
  if (typeof origin !== 'string' || !allowed(origin)) return null;
  return { origin, tabId: sender.tab.id };
}

/** True for the extension's own pages (approval window, toolbar popup). */
export function isExtensionPage(sender: Runtime.MessageSender, extensionId: string, extensionUrl: string): boolean {
  return sender.id === extensionId && typeof sender.url === 'string' && sender.url.startsWith(extensionUrl);
}
