import type { Browser } from 'webextension-polyfill';

/**
 * The promise-based extension API: Firefox's and current Chrome's own `browser`, which the polyfill hands back as it
 * is, or the polyfill's wrapper of `chrome` in an older Chrome. Required, not imported: the bundler wraps an
 * `import` of this CommonJS module in an interop object built, as the worker starts, by reading every property of
 * the object the module exports, which makes the browser set up every API (`windows`, `action`, `tabs`, …) before
 * the worker's first line runs. `require` (bundled as a plain call) hands the object over untouched.
 */
export const browser: Browser = require('webextension-polyfill');
