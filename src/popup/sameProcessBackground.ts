import browser from 'webextension-polyfill';

/**
 * The background's window when it runs in this page's process and is awake: Firefox's event
 * page (extension-protocol/internal.ts, SAME_PROCESS_REQUEST). Null in Chrome, whose
 * background is a service worker, and whenever the browser will not hand it over.
 */
export function sameProcessBackground(): Window | null {
  try {
    const background = browser.extension.getBackgroundPage?.() ?? null;
    return background && !background.closed ? background : null;
  } catch {
    return null;
  }
}
