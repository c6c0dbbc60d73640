import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Zips that are the same bytes for the same files: entries in byte order of their
 * paths, one fixed modification time, one compression level, one file mode.
 * `web-ext build` stamps every entry with the current time and lists files in the
 * order the file system returns them, so two builds of one commit would differ.
 */

/** Every entry's modification time: any fixed instant would do. */
export const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/** Zips `files` (path → content; directories are implied by the paths) deterministically. */
export function zipSorted(files: Record<string, Uint8Array>): Uint8Array {
  const sorted: Zippable = {};
  for (const path of Object.keys(files).sort()) {
    sorted[path] = [files[path]!, { mtime: FIXED_MTIME, level: 9, os: 3, attrs: 0o100644 << 16 }];
  }
  return zipSync(sorted);
}

/** Rewrites a zip deterministically, dropping its directory entries. */
export function normaliseZip(zip: Uint8Array): Uint8Array {
  return zipSorted(Object.fromEntries(Object.entries(unzipSync(zip)).filter(([path]) => !path.endsWith('/'))));
}
