import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { chromiumArgs, hasDisplay } from '../../scripts/start/chromium.ts';
import { headlessInstructions, runningBanner, type Running } from '../../scripts/start/messages.ts';
import { configFromEnv } from './backend/config.ts';
import { makeTempDir } from '../../scripts/tempDir.ts';

/** `npm start` (scripts/start.ts): what it prints, how it opens Chromium, and that Ctrl-C leaves nothing running. */

const ROOT = join(import.meta.dirname, '..', '..');

function running(env: Record<string, string> = {}): Running {
  return {
    demoUrl: 'http://localhost:8788',
    emulatorUrl: 'http://127.0.0.1:8787',
    emulator: { apiToken: { id: 'emulator-token', secret: 'emulator-secret' }, authsignalSecret: 'emulator-authsignal-secret' },
    config: configFromEnv(env, 'http://127.0.0.1:8787'),
    root: '/repo',
  };
}

describe('messages', () => {
  it('the banner gives the URLs and the emulator’s credentials, and never a configured real secret', () => {
    const banner = runningBanner(running());
    for (const text of [
      'http://localhost:8788/',
      'emulator-token:emulator-secret',
      'emulator-authsignal-secret',
      '/repo/dist/chrome',
      '/repo/dist/firefox',
    ]) {
      expect(banner).toContain(text);
    }
    const real = runningBanner(
      running({
        GRID_BASE_URL: 'https://grid.example',
        GRID_API_TOKEN_ID: 'live-id',
        GRID_API_TOKEN_SECRET: 'live-secret',
        AUTHSIGNAL_BASE_URL: 'https://as.example',
        AUTHSIGNAL_SECRET_KEY: 'live-key',
      }),
    );
    expect(real).toContain('https://grid.example (real Grid');
    expect(real).not.toMatch(/live-(id|secret|key)/);
  });

  it('headless instructions say how to load each build, where to go and how to tunnel', () => {
    const text = headlessInstructions(running(), 'No display here');
    expect(text).toContain('No display here, so no browser was opened');
    expect(text).toContain('chrome://extensions → turn on Developer mode → Load unpacked → /repo/dist/chrome');
    expect(text).toContain('Load Temporary Add-on… → /repo/dist/firefox/manifest.json');
    expect(text).toContain('Open http://localhost:8788/');
    expect(text).toContain('ssh -L 8788:localhost:8788');
    expect(text).toContain('Ctrl-C stops everything.');
  });
});

describe('Chromium', () => {
  it('loads only the extension, into a fresh profile, at the demo URL', () => {
    const args = chromiumArgs({
      extensionDir: '/repo/dist/chrome',
      profileDir: '/repo/.tmp/p',
      url: 'http://localhost:8788/',
      asRoot: false,
    });
    expect(args).toEqual(
      expect.arrayContaining([
        '--user-data-dir=/repo/.tmp/p',
        '--load-extension=/repo/dist/chrome',
        '--disable-extensions-except=/repo/dist/chrome',
      ]),
    );
    expect(args.at(-1)).toBe('http://localhost:8788/');
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs({ extensionDir: 'e', profileDir: 'p', url: 'u', asRoot: true })).toContain('--no-sandbox');
  });

  it('needs $DISPLAY or $WAYLAND_DISPLAY', () => {
    expect(hasDisplay({})).toBe(false);
    expect(hasDisplay({ DISPLAY: '' })).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });
});

/** Starts `npm run demo` (no extension rebuild) on free ports; resolves with its output once it is ready. */
async function startDemo(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string; ready: string }> {
  // Through npm and tsx, as people run it: each passes Ctrl-C on again, which the script must survive.
  const child = spawn('npm', ['run', '--silent', 'demo'], {
    cwd: ROOT,
    env: { ...process.env, EMULATOR_PORT: '0', DEMO_PORT: '0', DISPLAY: '', WAYLAND_DISPLAY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, as a terminal would give it
  });
  killGroupAfterTest(child.pid!);
  let out = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (out += chunk));
  const ready = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => out.includes('Ctrl-C stops everything.') && resolve(out));
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
  return { child, output: () => out, ready };
}

/**
 * Ctrl-C: SIGINT to the whole foreground process group. The script must finish
 * its own shutdown (npm then ends itself with the same signal, so no exit code).
 */
async function pressCtrlC(child: ChildProcess, output: () => string): Promise<void> {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-child.pid!, 'SIGINT');
  await exited;
  expect(output()).toMatch(/Stopping…\nStopped\.\n$/);
}

/** A test that fails before Ctrl-C leaves nothing running: the group is killed after it, whatever happened. */
function killGroupAfterTest(pid: number): void {
  onTestFinished(() => {
    if (!groupIsGone(pid)) process.kill(-pid, 'SIGKILL');
  });
}

function groupIsGone(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return false;
  } catch {
    return true;
  }
}

describe('npm run demo', { timeout: 60_000 }, () => {
  it('without a display: serves the page, prints what to do, and Ctrl-C stops it', async () => {
    const { child, output, ready } = await startDemo({});
    const demoUrl = /Demo page\s+(http:\/\/localhost:\d+)\//.exec(ready)![1]!;
    expect(ready).toContain('No display here ($DISPLAY and $WAYLAND_DISPLAY are unset), so no browser was opened');
    expect(ready).toContain(`Open ${demoUrl}/`);
    const page = await fetch(`${demoUrl.replace('localhost', '127.0.0.1')}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Grid Wallet demo integrator');
    await pressCtrlC(child, output);
    await expect.poll(() => groupIsGone(child.pid!), { timeout: 10_000 }).toBe(true);
    await expect(fetch(`${demoUrl.replace('localhost', '127.0.0.1')}/`)).rejects.toThrow();
  });

  it('with a display: opens Chromium with the extension, and Ctrl-C stops it and everything it started', async () => {
    const dir = await makeTempDir('fake-chromium');
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const fake = join(dir, 'chromium');
    // Records its pid and arguments, starts a child of its own and takes a moment to shut down, as Chromium does.
    await writeFile(fake, `#!/bin/sh\necho "$$ $*" > "${dir}/args"\ntrap 'sleep 1; exit 0' TERM\nsleep 300 &\nwait\n`);
    await chmod(fake, 0o755);
    const { child, output } = await startDemo({ DISPLAY: ':99', CHROMIUM_PATH: fake });
    expect(output()).toContain('Opened Chromium with the extension loaded');
    const recorded = () => readFile(join(dir, 'args'), 'utf8').catch(() => '');
    await expect.poll(async () => (await recorded()).includes('http://')).toBe(true);
    const [pid, ...args] = (await recorded()).trim().split(' ');
    killGroupAfterTest(Number(pid));
    const demoUrl = /Demo page\s+(http:\/\/localhost:\d+)\//.exec(output())![1]!;
    const extensionDir = join(ROOT, 'dist', 'chrome');
    expect(args).toEqual(
      expect.arrayContaining([`--load-extension=${extensionDir}`, `--disable-extensions-except=${extensionDir}`, `${demoUrl}/`]),
    );
    const profile = args.find((a) => a.startsWith('--user-data-dir='))!.split('=')[1]!;
    // The demo removes it when it stops; a test that fails before then must do it.
    onTestFinished(() => rm(profile, { recursive: true, force: true }));
    expect(profile.startsWith(join(ROOT, '.tmp', 'chromium-profile-'))).toBe(true);
    expect(existsSync(profile)).toBe(true);

    await pressCtrlC(child, output);
    // Killed processes linger as zombies until init reaps them, which can take a few seconds here.
    await expect.poll(() => groupIsGone(Number(pid)), { timeout: 10_000 }).toBe(true);
    expect(existsSync(profile)).toBe(false);
  });
});
