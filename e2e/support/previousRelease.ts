import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
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

export type PreviousBuild = { chromeBuild: string; commit: string; from: string } | { unavailable: string };

/**
 * The previous release's Chrome build, made from its git tree (`git archive`, so the
 * repository and its worktrees are left as they are) in `dir`, a folder of the
 * calling test's that it removes. Its dependencies are this checkout's when the
 * lockfiles match, else installed for it (`npm ci`).
 */
export function buildPreviousRelease(dir: string): PreviousBuild {
  const from = resolveCommit(PREVIOUS_RELEASE.tag) ? PREVIOUS_RELEASE.tag : PREVIOUS_RELEASE.commit;
  const commit = resolveCommit(from);
  if (!commit)
    return {
      unavailable: `neither the tag ${PREVIOUS_RELEASE.tag} nor the commit ${PREVIOUS_RELEASE.commit} is in this clone (a shallow clone?): fetch them (git fetch --tags --unshallow) to run the update test`,
    };
  const chromeBuild = join(dir, 'dist', 'chrome');
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${dir}"`], { cwd: REPO, stdio: 'inherit' });
  const sameDependencies = readFileSync(join(dir, 'package-lock.json'), 'utf8') === readFileSync(join(REPO, 'package-lock.json'), 'utf8');
  if (sameDependencies) symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  else execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  execFileSync('npx', ['vite', 'build', '--mode', 'chrome', '--logLevel', 'warn'], { cwd: dir, stdio: 'inherit' });
  return { chromeBuild, commit, from };
}
