import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractZip } from '../../scripts/package/extractZip.ts';
import { storeArtifactName, type TargetBrowser } from '../../scripts/package/storeLayout.ts';

/** The artifacts `npm run package` wrote for this checkout's version (npm test runs it before Playwright). */
const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { version: string }).version;

export const storeArtifact = (browser: TargetBrowser): string => join(ROOT, 'dist', storeArtifactName(browser, VERSION));

/** Unpacks an artifact into a fresh directory, as a store would, and returns that directory. */
export async function unpackStoreArtifact(browser: TargetBrowser): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `grid-wallet-store-${browser}-`));
  await extractZip(new Uint8Array(readFileSync(storeArtifact(browser))), dir);
  return dir;
}
