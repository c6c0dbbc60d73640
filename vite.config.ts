import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import chromeManifest from './manifest.json' with { type: 'json' };

/**
 * One build, two browsers: `vite build --mode chrome` writes dist/chrome (MV3
 * service worker, id pinned by `key`), `--mode firefox` writes dist/firefox
 * (event page via background.scripts, a gecko id, no `key`).
 */
export const GECKO_ID = 'authenticator@grid-wallet.dev';

function firefoxManifest(): ManifestV3Export {
  const { key: _chromeOnly, minimum_chrome_version: _alsoChromeOnly, background, ...rest } = chromeManifest;
  return {
    ...rest,
    background: { scripts: [background.service_worker], type: 'module' },
    browser_specific_settings: {
      gecko: { id: GECKO_ID, strict_min_version: '142.0', data_collection_permissions: { required: ['none'] } },
    },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const browser = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: browser === 'firefox' ? firefoxManifest() : (chromeManifest as ManifestV3Export), browser })],
    build: {
      outDir: `dist/${browser}`,
      emptyOutDir: true,
      target: 'es2022',
      rollupOptions: { input: { approval: 'src/popup/approval.html' } },
    },
  };
});
