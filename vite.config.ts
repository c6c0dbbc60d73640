import { join } from 'node:path';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import chromeManifest from './manifest.json' with { type: 'json' };
// By path, not by name: Vite loads its config with Node, which runs no TypeScript from a package.
import { geckoId } from './packages/core/src/extensionOrigins.ts';
import { classicServiceWorker } from './scripts/build/classicServiceWorker.ts';

/**
 * One build, two browsers: `vite build --mode chrome` writes dist/chrome (MV3
 * service worker, id pinned by `key`), `--mode firefox` writes dist/firefox
 * (event page via background.scripts, a gecko id, no `key`). With
 * `VITE_STORE_BUILD=true` (`npm run package`) they go to dist/store/<browser>
 * instead, the Chrome manifest drops `key` (the store assigns the id) and the
 * Firefox manifest carries the store add-on's id (packages/core/src/extensionOrigins.ts).
 */
function firefoxManifest(storeBuild: boolean): ManifestV3Export {
  const { key: _chromeOnly, minimum_chrome_version: _alsoChromeOnly, background, ...rest } = chromeManifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: { id: geckoId(storeBuild), strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    },
  } as ManifestV3Export;
}

function storeChromeManifest(): ManifestV3Export {
  const { key: _storeAssignsTheId, ...rest } = chromeManifest;
  return rest as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  const storeBuild = process.env.VITE_STORE_BUILD === 'true';
  const manifest =
    browser === 'firefox' ? firefoxManifest(storeBuild) : storeBuild ? storeChromeManifest() : (chromeManifest as ManifestV3Export);
  return {
    // Chrome's service worker as one classic script, which starts sooner, and its curve script
    // (scripts/build/classicServiceWorker.ts, curveScript.ts).
    plugins: [preact(), crx({ manifest, browser }), ...(browser === 'chrome' ? [classicServiceWorker()] : [])],
    // Both load the curve code on first use (src/background/loadCurve.ts): Firefox's event page by import(), Chrome's
    // service worker, which may not import(), by importScripts() of a script of its own. Firefox's own `browser` is
    // the promise-based API the polyfill would hand back unchanged, so its build leaves the polyfill out.
    resolve: {
      alias:
        browser === 'firefox'
          ? [{ find: /^webextension-polyfill$/, replacement: join(import.meta.dirname, 'src/browserApi.firefox.cjs') }]
          : [{ find: /^\.\.?\/loadCurve\.ts$/, replacement: join(import.meta.dirname, 'src/background/loadCurve.chrome.ts') }],
    },
    build: {
      outDir: storeBuild ? `dist/store/${browser}` : `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { approval: 'src/popup/approval.html' } },
    },
  };
});
