import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Rewrites a zip so that the same files always give the same bytes: entries in
 * byte order of their paths, one fixed modification time, one compression level.
 * `web-ext build` stamps every entry with the current time and lists files in the
 * order the file system returns them, so two builds of one commit would differ.
 */

/** Every entry's modification time: any fixed instant would do. */
export const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

export function normaliseZip(zip: Uint8Array): Uint8Array {
  const files = unzipSync(zip);
  const sorted: Zippable = {};
  for (const path of Object.keys(files)
    .filter((p) => !p.endsWith('/'))
    .sort()) {
    sorted[path] = [files[path]!, { mtime: FIXED_MTIME, level: 9, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(sorted);
}
