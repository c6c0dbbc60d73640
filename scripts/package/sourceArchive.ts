import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { zipSorted } from './deterministicZip.ts';

/**
 * The reviewer's source archive (addons.mozilla.org asks for one because the
 * submitted xpi is minified): the files git tracks, as they are on disk, so it holds
 * what the store builds were just made from, committed or only staged. Untracked
 * files stay out even when git does not ignore them: a stray local file (a `.env`
 * with a Grid API secret, say) must never reach a store. A new source file must be
 * `git add`ed before packaging, or `npm run test:source` finds the rebuilt xpi differs.
 * BUILD.md in it says how to rebuild.
 */
export async function sourceArchive(root: string): Promise<Uint8Array> {
  const paths = async (...args: string[]) =>
    (await promisify(execFile)('git', ['ls-files', '-z', ...args], { cwd: root, maxBuffer: 16 * 1024 * 1024 })).stdout
      .split('\0')
      .filter(Boolean);
  const deleted = new Set(await paths('--deleted'));
  const files: Record<string, Uint8Array> = {};
  for (const path of (await paths('--cached')).filter((p) => !deleted.has(p))) {
    files[path] = new Uint8Array(await readFile(join(root, path)));
  }
  return zipSorted(files);
}
