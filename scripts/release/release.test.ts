import { execFile } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { versionProblems } from './check.ts';
import { versionedFiles } from './repoVersions.ts';
import { makeTempDir } from '../tempDir.ts';

/**
 * The check and `npm run release` on a copy of this repository's versioned files
 * (a git repository of its own, in a temp directory removed after each test).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);
const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 't@example.com',
};

let repo: string;
const git = async (...args: string[]) => (await run('git', args, { cwd: repo, env: GIT_ENV })).stdout.trim();
const read = (file: string) => readFile(join(repo, file), 'utf8');
const version = async () => JSON.parse(await read('manifest.json')).version as string;
const release = (how: string) =>
  run(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'release.ts'), how], { cwd: repo, env: GIT_ENV });

beforeEach(async () => {
  repo = await makeTempDir('release');
  for (const file of [...(await versionedFiles(ROOT)), 'CHANGELOG.md']) await cp(join(ROOT, file), join(repo, file));
  await git('init', '--quiet');
  await git('add', '.');
  await git('commit', '--quiet', '-m', 'The first release');
  await git('tag', `v${await version()}`);
});

afterEach(() => rm(repo, { recursive: true, force: true }));

describe('the version check', () => {
  it("passes on this repository's versions", async () => {
    expect(await versionProblems(repo)).toEqual([]);
  });

  it('names the file that disagrees with the manifest', async () => {
    const sdk = 'packages/sdk/package.json';
    await writeFile(join(repo, sdk), (await read(sdk)).replace(/"version": "[^"]*"/, '"version": "9.9.9"'));
    expect(await versionProblems(repo)).toEqual([`${sdk} version 9.9.9, not ${await version()} as in manifest.json`]);
  });

  it("names a CHANGELOG.md without the version's entry", async () => {
    await writeFile(join(repo, 'CHANGELOG.md'), '# Changelog\n');
    expect(await versionProblems(repo)).toEqual([`CHANGELOG.md has no entry for ${await version()}`]);
  });
});

describe('npm run release', () => {
  it('moves every version, writes the changelog from the commits since the tag, commits and tags', async () => {
    const before = await version();
    await writeFile(join(repo, 'fee.txt'), 'fee');
    await git('add', 'fee.txt');
    await git('commit', '--quiet', '-m', 'Prompts show the fee');

    await release('minor');

    const [major, minor] = before.split('.').map(Number);
    const next = `${major}.${minor! + 1}.0`;
    expect(await version()).toBe(next);
    expect(await versionProblems(repo)).toEqual([]);
    expect(await read('CHANGELOG.md')).toMatch(
      new RegExp(`## ${next} \\(\\d{4}-\\d\\d-\\d\\d\\)\\n\\n- Prompts show the fee\\n\\n## ${before} `),
    );
    expect(await git('status', '--porcelain')).toBe('');
    expect(await git('log', '-1', '--format=%s')).toBe(`Release ${next}`);
    expect(await git('rev-parse', `v${next}^{commit}`)).toBe(await git('rev-parse', 'HEAD'));
    // Only version lines changed: the manifest keeps its layout, npm's files theirs.
    const changedLines = (await git('diff', 'HEAD~1', '--unified=0', '--', '.', ':!CHANGELOG.md'))
      .split('\n')
      .filter((l) => /^[+-] /.test(l));
    expect(changedLines.every((line) => line.includes(`"${before}"`) || line.includes(`"${next}"`))).toBe(true);
  });

  it('refuses a working tree with changes, and changes nothing', async () => {
    await writeFile(join(repo, 'CHANGELOG.md'), `${await read('CHANGELOG.md')}\nunsaved`);
    await expect(release('patch')).rejects.toThrow('the working tree has changes');
    expect(await git('tag')).toBe(`v${await version()}`);
  });
});
