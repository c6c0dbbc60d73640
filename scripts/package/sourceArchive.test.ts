import { execFile } from 'node:child_process';
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sourceArchive } from './sourceArchive.ts';
import { makeTempDir } from '../tempDir.ts';

describe('sourceArchive', () => {
  let repo: string;
  const git = (...args: string[]) => promisify(execFile)('git', args, { cwd: repo });

  beforeEach(async () => {
    repo = await makeTempDir('source-archive');
    await git('init', '--quiet');
    for (const file of ['kept.ts', 'edited.ts', 'removed.ts']) await writeFile(join(repo, file), `// ${file}`);
    await writeFile(join(repo, '.gitignore'), 'dist/\n');
    await git('add', '.');
  });
  afterEach(() => rm(repo, { recursive: true, force: true }));

  it("holds git's files as they are on disk now, and nothing git does not track", async () => {
    await writeFile(join(repo, 'edited.ts'), '// edited since');
    await rm(join(repo, 'removed.ts'));
    await writeFile(join(repo, '.env'), 'GRID_API_TOKEN_SECRET=do-not-ship');
    const files = unzipSync(await sourceArchive(repo));
    expect(Object.keys(files)).toEqual(['.gitignore', 'edited.ts', 'kept.ts']);
    expect(strFromU8(files['edited.ts']!)).toBe('// edited since');
  });

  it('is the same bytes for the same files, whatever their times', async () => {
    const first = await sourceArchive(repo);
    await utimes(join(repo, 'kept.ts'), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(await sourceArchive(repo)).toEqual(first);
  });
});
