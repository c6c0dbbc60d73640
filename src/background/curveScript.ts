/**
 * Chrome's curve script: curve.ts built as a classic script of its own (scripts/build/curveScript.ts), which the
 * service worker imports at install and again on first use (loadCurve.chrome.ts). Shared by the build and the worker.
 */

/** Where the script is, from the extension's root. */
export const CURVE_SCRIPT_PATH = 'src/background/curve.js';

/** The global the script defines: curve.ts's exports. */
export const CURVE_GLOBAL = 'gridWalletCurve';

/**
 * The global the script reads its one shared module from: packages/core's errors.ts, the worker's own copy, so a
 * FormatError thrown by curve code is one the worker's `instanceof FormatError` recognises. The other modules both
 * contain (bytes, hex, noble's hashing and DER helpers) are stateless, and each has its own copy.
 */
export const CURVE_IMPORTS_GLOBAL = 'gridWalletCurveImports';
