import { readFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { extractZip } from '../../scripts/package/extractZip.ts';
import { storeArtifactName, type TargetBrowser } from '../../scripts/package/storeLayout.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';
import { bytesToHex, compressPublicKey, hexToBytes, LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER } from '@grid-wallet/core';

/** The artifacts `npm run package` wrote for this checkout's version (npm test runs it before Playwright). */
const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as { version: string }).version;

export const storeArtifact = (browser: TargetBrowser): string => join(ROOT, 'dist', storeArtifactName(browser, VERSION));

/** Unpacks an artifact into a fresh directory, as a store would, and returns that directory (the caller removes it). */
export async function unpackStoreArtifact(browser: TargetBrowser): Promise<string> {
  const dir = await makeTempDir(`store-${browser}`);
  try {
    await extractZip(new Uint8Array(readFileSync(storeArtifact(browser))), dir);
    return dir;
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The local Grid emulator's enclave public key in every spelling a bundle could carry (uncompressed and compressed hex). */
export function emulatorEnclaveKeySpellings(): string[] {
  const uncompressed = hexToBytes(LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER);
  return [LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER, bytesToHex(compressPublicKey(uncompressed))];
}

/** The files under `dir` (relative paths) whose text contains any of `needles`, case-insensitively. */
export async function filesContaining(dir: string, needles: string[]): Promise<string[]> {
  const lower = needles.map((needle) => needle.toLowerCase());
  const found: string[] = [];
  for (const path of await readdir(dir, { recursive: true })) {
    const full = join(dir, path);
    if (!(await stat(full)).isFile()) continue;
    const text = (await readFile(full, 'latin1')).toLowerCase();
    if (lower.some((needle) => text.includes(needle))) found.push(path);
  }
  return found;
}
