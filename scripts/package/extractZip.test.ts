import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractZip } from './extractZip.ts';
import { makeTempDir } from '../tempDir.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('extractZip', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('extract');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes every file under the directory, in its folders', async () => {
    await extractZip(zipSync({ 'a.txt': text('a'), 'src/core/b.ts': text('b') }), dir);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('a');
    expect(await readFile(join(dir, 'src/core/b.ts'), 'utf8')).toBe('b');
  });

  it('refuses an entry that would land outside it', async () => {
    await expect(extractZip(zipSync({ '../escaped.txt': text('x') }), dir)).rejects.toThrow('outside the directory: ../escaped.txt');
  });
});
