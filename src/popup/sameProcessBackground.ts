import browser from 'webextension-polyfill';
import { SAME_PROCESS_LISTENING, type SameProcessListening } from '../extension-protocol/internal.ts';

/**
 * The background's window when it runs in this page's process, awake and listening: Firefox's
 * event page (extension-protocol/internal.ts, SAME_PROCESS_REQUEST). Null in Chrome, whose
 * background is a service worker, while the event page sleeps or still loads, and whenever the
 * browser will not hand it over: the caller then uses the port.
 */
export function sameProcessBackground(): Window | null {
  try {
    const background = (browser.extension.getBackgroundPage?.() ?? null) as (Window & SameProcessListening) | null;
    return background && !background.closed && background[SAME_PROCESS_LISTENING] === true ? background : null;
  } catch {
    return null;
  }
}
