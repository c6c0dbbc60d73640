import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { unzipSync } from 'fflate';

/** Writes every file of a zip under `dir`, as a store or a reviewer unpacking it would. */
export async function extractZip(zip: Uint8Array, dir: string): Promise<void> {
  for (const [path, bytes] of Object.entries(unzipSync(zip))) {
    if (path.endsWith('/')) continue;
    const target = join(dir, path);
    if (relative(dir, target).startsWith('..')) throw new Error(`zip entry outside the directory: ${path}`);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}
