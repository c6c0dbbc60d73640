// Firefox's build in place of webextension-polyfill (vite.config.ts): in Firefox the polyfill hands back the
// browser's own promise-based `browser` unchanged, so this is what it exports there, without its 10 KB.
module.exports = globalThis.browser;
