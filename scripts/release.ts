/**
 * `npm run release -- <patch|minor|major|x.y.z>`: moves every version of the
 * repository together (the manifest, the root package, each workspace package,
 * their ranges on each other, package-lock.json), adds the CHANGELOG.md entry
 * from the commits since the previous `v*` tag, commits, and tags `v<version>`.
 * Works on the git checkout it is run in, which must be clean. Nothing is pushed
 * or published: docs/release-checklist.md says what comes next.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { nextVersion } from './release/bump.ts';
import { addEntry, changelogEntry } from './release/changelog.ts';
import { versionProblems } from './release/check.ts';
import { releaseVersion, writeVersion } from './release/repoVersions.ts';

const git = async (...args: string[]) => (await promisify(execFile)('git', args, { cwd: process.cwd() })).stdout.trim();

function fail(message: string): never {
  console.error(`release: ${message}`);
  process.exit(1);
}

const how = process.argv[2] ?? fail('say how: npm run release -- <patch|minor|major|x.y.z>');
const root = await git('rev-parse', '--show-toplevel');
if ((await git('status', '--porcelain')) !== '') fail('the working tree has changes; commit or stash them first');
const problems = await versionProblems(root);
if (problems.length > 0) fail(`the versions disagree already:\n  ${problems.join('\n  ')}`);

const version = nextVersion(await releaseVersion(root), how);
const previousTag = await git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*').catch(() => '');
const subjects = (await git('log', '--no-merges', '--format=%s', previousTag ? `${previousTag}..HEAD` : 'HEAD'))
  .split('\n')
  .filter(Boolean);

const changed = await writeVersion(root, version);
const changelog = join(root, 'CHANGELOG.md');
const today = new Date().toISOString().slice(0, 10);
await writeFile(changelog, addEntry(await readFile(changelog, 'utf8'), changelogEntry(version, today, subjects)));

await git('add', 'CHANGELOG.md', ...changed);
await git('commit', '--quiet', '-m', `Release ${version}`);
await git('tag', '--annotate', `v${version}`, '-m', `Grid Wallet Authenticator ${version}`);
console.log(`Committed and tagged v${version} (${subjects.length} commits since ${previousTag || 'the first commit'}).
Read its CHANGELOG.md entry, then follow docs/release-checklist.md.`);
