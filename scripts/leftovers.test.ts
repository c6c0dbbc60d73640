import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findLeftovers, type Places, TEMP_PREFIX, takeSnapshot } from './leftovers.ts';

/**
 * The guard's rules, on a made-up checkout and temp directory, so that what the
 * rest of the suite runs meanwhile (in this checkout) is none of these tests' business.
 */

const ROOT = join(import.meta.dirname, '..');

async function places(): Promise<Places> {
  const root = await mkdtemp(join(tmpdir(), 'grid-wallet-guard-root-'));
  const tmp = await mkdtemp(join(tmpdir(), 'grid-wallet-guard-tmp-'));
  onTestFinished(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });
  return { root, tmp, ownFiles: ['leftover-guard.json'] };
}

/** A process that waits to be killed; killed after the test whatever happened. */
function idle(options: { cwd: string; env?: NodeJS.ProcessEnv; args?: string[] }): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1e6)', ...(options.args ?? [])], {
    cwd: options.cwd,
    env: options.env ?? { PATH: '/usr/bin:/bin' },
    stdio: 'ignore',
  });
  onTestFinished(() => void child.kill('SIGKILL'));
  return child;
}

async function stop(...children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL'))));
}

describe.skipIf(process.platform !== 'linux')('leftover processes', () => {
  it('are the new ones from the checkout (its directory, its command line or its node_modules/.bin on PATH), until they end', async () => {
    const at = await places();
    const runningBefore = idle({ cwd: at.root });
    const before = takeSnapshot(at);

    const inCheckout = idle({ cwd: at.root });
    const namingIt = idle({ cwd: '/', args: [join(at.root, 'dist', 'chrome')] });
    const underItsNpm = idle({ cwd: '/', env: { PATH: `${join(at.root, 'node_modules', '.bin')}:/usr/bin:/bin` } });
    const neighbour = idle({ cwd: '/', args: [`${at.root}-2`], env: { PATH: `${at.root}-2/node_modules/.bin:/usr/bin:/bin` } });
    const ours = [inCheckout, namingIt, underItsNpm].map((child) => child.pid);

    const pidsLeft = () => findLeftovers(at, before).processes.map((p) => p.pid);
    await expect.poll(() => pidsLeft().sort()).toEqual(ours.sort());
    expect(pidsLeft()).not.toContain(neighbour.pid);
    expect(pidsLeft()).not.toContain(runningBefore.pid);
    // The process asking (and what runs it) is not left over.
    expect(findLeftovers(at, before, inCheckout.pid!).processes.map((p) => p.pid)).not.toContain(inCheckout.pid);

    await stop(inCheckout, namingIt, underItsNpm);
    expect(pidsLeft()).toEqual([]);
  });
});

describe('leftover temp entries', () => {
  it("are new grid-wallet-* entries in the temp directory and anything new in the checkout's .tmp", async () => {
    const at = await places();
    await mkdir(join(at.tmp, 'grid-wallet-from-an-earlier-run'));
    const before = takeSnapshot(at);
    await mkdir(join(at.tmp, 'grid-wallet-demo-page-x'));
    await mkdir(join(at.tmp, 'someone-elses-x'));
    await mkdir(join(at.root, '.tmp', 'chromium-profile-x'), { recursive: true });
    await writeFile(join(at.root, '.tmp', 'leftover-guard.json'), '{}');

    expect([...findLeftovers(at, before).entries].sort()).toEqual(
      [join(at.tmp, 'grid-wallet-demo-page-x'), join(at.root, '.tmp', 'chromium-profile-x')].sort(),
    );
  });

  it('are named so by every temporary folder this repository makes (or it lives in .tmp)', () => {
    const calls = execFileSync('git', ['grep', '--untracked', '-n', '-E', 'mkdtemp[(]', '--', '*.ts', '*.mjs', '*.js'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    expect(calls.length).toBeGreaterThan(5);
    const named = new RegExp(`mkdtemp\\(join\\((tmpdir\\(\\), [\`'"]${TEMP_PREFIX}|ROOT, '\\.tmp')`);
    expect(calls.filter((line) => !named.test(line))).toEqual([]);
  });
});
