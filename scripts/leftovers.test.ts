import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { findLeftovers, type Places, takeSnapshot } from './leftovers.ts';
import { makeTempDir, TEMP_PREFIX } from './tempDir.ts';

/**
 * The guard's rules, on a made-up checkout and temp directory, so that what the
 * rest of the suite runs meanwhile (in this checkout) is none of these tests' business.
 */

const ROOT = join(import.meta.dirname, '..');

async function places(): Promise<Places> {
  const root = await makeTempDir('guard-root');
  const tmp = await makeTempDir('guard-tmp');
  onTestFinished(async () => {
    await rm(root, { recursive: true, force: true });
    await rm(tmp, { recursive: true, force: true });
  });
  return { root, tmp, tempPrefix: 'grid-wallet-0123abcd-', ownFiles: ['leftover-guard.json'] };
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
  it("are the new ones with the checkout's node_modules/.bin on PATH or in its temporary folders, until they end", async () => {
    const at = await places();
    const ourPath = { PATH: `${join(at.root, 'node_modules', '.bin')}:/usr/bin:/bin` };
    const runningBefore = idle({ cwd: '/', env: ourPath });
    const before = takeSnapshot(at);

    const underItsNpm = idle({ cwd: '/', env: ourPath });
    const inItsTempFolder = idle({ cwd: '/', args: [join(at.tmp, `${at.tempPrefix}profile-x`)] });
    // A shell or an editor opened in the checkout meanwhile, and another checkout's run.
    const bystander = idle({ cwd: at.root, args: [at.root] });
    const neighbour = idle({ cwd: '/', env: { PATH: `${at.root}-2/node_modules/.bin:/usr/bin:/bin` } });
    // web-ext's detached update check, which ends by itself.
    const updateCheck = idle({ cwd: '/', env: ourPath, args: [join(at.root, 'node_modules', 'update-notifier', 'check.js')] });
    const ours = [underItsNpm.pid, inItsTempFolder.pid];

    const pidsLeft = () => findLeftovers(at, before).processes.map((p) => p.pid);
    // Until a child has exec'd it still shows its parent's command line and environment: slow on a busy machine.
    await expect.poll(() => pidsLeft().sort(), { timeout: 10_000 }).toEqual(ours.sort());
    for (const other of [bystander, neighbour, updateCheck, runningBefore]) expect(pidsLeft()).not.toContain(other.pid);
    // The process asking (and what runs it) is not left over.
    expect(findLeftovers(at, before, underItsNpm.pid!).processes.map((p) => p.pid)).not.toContain(underItsNpm.pid);

    await stop(underItsNpm, inItsTempFolder);
    expect(pidsLeft()).toEqual([]);
  });
});

describe('leftover temp entries', () => {
  it("are new entries named with the checkout's prefix in the temp directory, and anything new in the checkout's .tmp", async () => {
    const at = await places();
    await mkdir(join(at.tmp, 'grid-wallet-0123abcd-from-an-earlier-run'));
    const before = takeSnapshot(at);
    await mkdir(join(at.tmp, 'grid-wallet-0123abcd-demo-page-x'));
    // Another checkout's run, at the same time.
    await mkdir(join(at.tmp, 'grid-wallet-89efcdab-demo-page-x'));
    await mkdir(join(at.tmp, 'someone-elses-x'));
    await mkdir(join(at.root, '.tmp', 'chromium-profile-x'), { recursive: true });
    await writeFile(join(at.root, '.tmp', 'leftover-guard.json'), '{}');

    expect([...findLeftovers(at, before).entries].sort()).toEqual(
      [join(at.tmp, 'grid-wallet-0123abcd-demo-page-x'), join(at.root, '.tmp', 'chromium-profile-x')].sort(),
    );
  });

  it("are made by every test and script with the checkout's prefix (or in .tmp)", async () => {
    expect(TEMP_PREFIX).toMatch(/^grid-wallet-[0-9a-f]{8}-$/);
    const dir = await makeTempDir('guard-check');
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    expect(basename(dir).startsWith(`${TEMP_PREFIX}guard-check-`)).toBe(true);

    const callers = execFileSync('git', ['grep', '--untracked', '-l', '-E', 'mkdtemp[(]', '--', '*.ts', '*.mjs', '*.js'], {
      cwd: ROOT,
      encoding: 'utf8',
    })
      .trim()
      .split('\n');
    // The kit's own Firefox profile (an integrator's, too), npm start's profile in .tmp, and the
    // docs samples' scratch folder in .tmp (inside the checkout, so their imports resolve).
    expect(callers.sort()).toEqual([
      'packages/playwright/src/launch.ts',
      'scripts/docSamples.test.ts',
      'scripts/start.ts',
      'scripts/tempDir.ts',
    ]);
  });
});
