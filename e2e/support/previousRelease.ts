import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The release an update starts from: its tag, and its commit for clones that fetched no tags (CI often does not). */
export const PREVIOUS_RELEASE = { tag: 'v0.1.0', commit: '7286617' } as const;

const REPO = join(import.meta.dirname, '..', '..');
const git = (...args: string[]) => execFileSync('git', args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

function resolveCommit(ref: string): string | undefined {
  try {
    return git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`);
  } catch {
    return undefined;
  }
}

export type PreviousBuild = { build: string; commit: string; from: string } | { unavailable: string };

/**
 * The previous release's build for `browser`, made from its git tree (`git archive`, so the
 * repository and its worktrees are left as they are) in `dir`, a folder of the
 * calling test's that it removes. Its dependencies are this checkout's when the
 * lockfiles match, else installed for it (`npm ci`). Firefox gets the store build: 0.1.0's development
 * build carried the store's add-on id, so only the store build is the same add-on in both releases.
 */
export function buildPreviousRelease(dir: string, browser: 'chrome' | 'firefox'): PreviousBuild {
  const from = resolveCommit(PREVIOUS_RELEASE.tag) ? PREVIOUS_RELEASE.tag : PREVIOUS_RELEASE.commit;
  const commit = resolveCommit(from);
  if (!commit)
    return {
      unavailable: `neither the tag ${PREVIOUS_RELEASE.tag} nor the commit ${PREVIOUS_RELEASE.commit} is in this clone (a shallow clone?): fetch them (git fetch --tags --unshallow) to run the update test`,
    };
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: REPO, stdio: 'inherit' });
  const sameDependencies = readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(REPO, 'package-lock.json'), 'utf8');
  if (sameDependencies) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  else execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  const store = browser === 'firefox';
  execFileSync('npx', ['vite', 'build', '--mode', browser, '--logLevel', 'warn'], {
    cwd: dir,
    stdio: 'inherit',
    env: { ...process.env, VITE_STORE_BUILD: String(store) },
  });
  return { build: join(dir, 'dist', ...(store ? ['store', browser] : [browser])), commit, from };
}

/**
 * An update carries a higher version than what it replaces (Chrome keeps running the cached worker of a version it
 * already has; Firefox keeps an add-on whose version did not change). Until this checkout's version is bumped for its
 * release, the unpacked build in `installed` gets the next patch version. Returns the version it carries.
 */
export function carryNewerVersion(installed: string, previousBuild: string): string {
  const manifestPath = join(installed, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const old: string = JSON.parse(readFileSync(join(previousBuild, 'manifest.json'), 'utf8')).version;
  if (manifest.version !== old) return manifest.version;
  const parts = old.split('.').map(Number);
  parts[parts.length - 1]! += 1;
  const version = parts.join('.');
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }));
  return version;
}
