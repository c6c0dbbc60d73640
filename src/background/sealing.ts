/**
 * What seals and opens HPKE messages, and reads the bundles that carry them: session bundles, one-time-code
 * target bundles, wallet exports. With @hpke/core it is about a quarter of the worker's code, and a stamp (what a
 * cold start is most often woken for) needs none of it. Reached only through `loadSealing()`, so Firefox's event
 * page loads it on first use (docs/architecture.md §3, "The worker's start").
 */
export { encryptOtpBundle, openExportBundle, openSessionBundle, parseExportBundle, parseTargetBundle } from '@grid-wallet/core';
