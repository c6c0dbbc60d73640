import * as curve from './curve.ts';

/**
 * The curve code (curve.ts), imported statically: a Chrome service worker may not `import()` (the HTML
 * specification disallows it there), so Chrome's worker loads it with everything else. Firefox's build replaces
 * this file with loadCurve.firefox.ts (vite.config.ts), which loads it on first use.
 */
export function loadCurve(): Promise<typeof curve> {
  return Promise.resolve(curve);
}
