/**
 * `npm run package`: store-ready builds. Builds the extension for Chrome and
 * Firefox as store builds (`VITE_STORE_BUILD=true`: the local emulator is not
 * trusted by default, no test-only switch exists, and the Chrome manifest has no
 * `key`, which the Chrome Web Store refuses), packs each with `web-ext build`,
 * and rewrites the archive so that two runs on one commit give the same bytes:
 *
 *   dist/grid-wallet-authenticator-<version>-chrome.zip
 *   dist/grid-wallet-authenticator-<version>-firefox.xpi
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'vite';
import { packExtension } from './package/packExtension.ts';
import { storeArtifactName, storeBuildDir } from './package/storeLayout.ts';

const ROOT = join(import.meta.dirname, '..');

process.env.VITE_STORE_BUILD = 'true';
const { version } = JSON.parse(await readFile(join(ROOT, 'manifest.json'), 'utf8')) as { version: string };
await rm(join(ROOT, 'dist', 'store'), { recursive: true, force: true });
for (const browser of ['chrome', 'firefox'] as const) {
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode: browser, logLevel: 'warn' });
  console.log(`packaged ${await packExtension(storeBuildDir(ROOT, browser), join(ROOT, 'dist'), storeArtifactName(browser, version))}`);
}
