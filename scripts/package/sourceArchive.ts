import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { zipSorted } from './deterministicZip.ts';

/**
 * The reviewer's source archive (addons.mozilla.org asks for one because the
 * submitted xpi is minified): the files git tracks, plus untracked ones it does not
 * ignore, as they are on disk, so the archive holds exactly what the store builds
 * were just made from, committed or not. BUILD.md in it says how to rebuild.
 */
export async function sourceArchive(root: string): Promise<Uint8Array> {
  const { stdout } = await promisify(execFile)('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  });
  const deleted = new Set((await promisify(execFile)('git', ['ls-files', '-z', '--deleted'], { cwd: root })).stdout.split('\0'));
  const files: Record<string, Uint8Array> = {};
  for (const path of stdout.split('\0').filter((p) => p && !deleted.has(p))) {
    files[path] = new Uint8Array(await readFile(join(root, path)));
  }
  return zipSorted(files);
}
