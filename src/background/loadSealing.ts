import * as sealing from './sealing.ts';

/**
 * The sealing code (sealing.ts), imported statically: a Chrome service worker may not `import()` (the HTML
 * specification disallows it there), so Chrome's worker loads it with everything else. Firefox's build replaces
 * this file with loadSealing.firefox.ts (vite.config.ts), which loads it on first use.
 */
export function loadSealing(): Promise<typeof sealing> {
  return Promise.resolve(sealing);
}
