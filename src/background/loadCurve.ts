/**
 * The curve code (curve.ts) on first use, so a worker woken for a stamp neither fetches nor parses it: Firefox's
 * event page `import()`s it, as do the tests. A Chrome service worker may not `import()` (the HTML specification
 * disallows it there), so Chrome's build swaps in loadCurve.chrome.ts (vite.config.ts).
 */
export function loadCurve(): Promise<typeof import('./curve.ts')> {
  return import('./curve.ts');
}
