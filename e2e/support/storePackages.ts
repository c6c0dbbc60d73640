import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { storeArtifactName, type TargetBrowser } from '../../scripts/package/storeLayout.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';

/** The artifacts `npm run package` wrote for this checkout's version (npm test runs it before Playwright). */
const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { version: string }).version;

export const storeArtifact = (browser: TargetBrowser): string => join(ROOT, 'dist', storeArtifactName(browser, VERSION));

/** Unpacks an artifact into a fresh directory, as a store would, and returns that directory (the caller removes it). */
export async function unpackStoreArtifact(browser: TargetBrowser): Promise<string> {
  const dir = await makeTempDir(`store-${browser}`);
  try {
    for (const [path, bytes] of Object.entries(unzipSync(new Uint8Array(readFileSync(storeArtifact(browser)))))) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), bytes);
    }
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
