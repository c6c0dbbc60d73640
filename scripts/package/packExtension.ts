import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { normaliseZip } from './deterministicZip.ts';

const WEB_EXT = join(import.meta.dirname, '..', '..', 'node_modules', '.bin', 'web-ext');

/** Packs an unpacked extension directory with `web-ext build`, rewritten to the same bytes for the same files. */
export async function packExtension(sourceDir: string, artifactsDir: string, filename: string): Promise<string> {
  await promisify(execFile)(WEB_EXT, [
    'build',
    '--source-dir',
    sourceDir,
    '--artifacts-dir',
    artifactsDir,
    '--filename',
    filename,
    '--overwrite-dest',
    '--no-config-discovery',
  ]);
  const artifact = join(artifactsDir, filename);
  await writeFile(artifact, normaliseZip(new Uint8Array(await readFile(artifact))));
  return artifact;
}
