/**
 * Temporary folders for this repository's tests and scripts, named
 * `grid-wallet-<checkout>-<purpose>-XXXXXX`: `<checkout>` is the same for every
 * folder of one checkout and differs between checkouts, so the leftover guard
 * (scripts/leftovers.ts) tells this checkout's folders from those of another
 * checkout's run on the same machine. The caller removes the folder, also when
 * it fails.
 */
import { createHash } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');

export const TEMP_PREFIX = `grid-wallet-${createHash('sha256').update(ROOT).digest('hex').slice(0, 8)}-`;

export function makeTempDir(purpose: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `${TEMP_PREFIX}${purpose}-`));
}
