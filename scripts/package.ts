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
import { execFile } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { normaliseZip } from './package/deterministicZip.ts';
import { storeArtifactName, storeBuildDir, type TargetBrowser } from './package/storeLayout.ts';

const ROOT = join(import.meta.dirname, '..');

async function packageFor(browser: TargetBrowser, version: string): Promise<string> {
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), mode: browser, logLevel: 'warn' });
  const sourceDir = storeBuildDir(ROOT, browser);
  const artifactsDir = join(ROOT, 'dist');
  const filename = storeArtifactName(browser, version);
  const webExt = join(ROOT, 'node_modules', '.bin', 'web-ext');
  await promisify(execFile)(webExt, ['build', '--source-dir', sourceDir, '--artifacts-dir', artifactsDir, '--filename', filename, '--overwrite-dest', '--no-config-discovery']);
  const artifact = join(artifactsDir, filename);
  await writeFile(artifact, normaliseZip(new Uint8Array(await readFile(artifact))));
  return artifact;
}

process.env.VITE_STORE_BUILD = 'true';
const { version } = JSON.parse(await readFile(join(ROOT, 'manifest.json'), 'utf8')) as { version: string };
await rm(join(ROOT, 'dist', 'store'), { recursive: true, force: true });
for (const browser of ['chrome', 'firefox'] as const) console.log(`packaged ${await packageFor(browser, version)}`);
