import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULTS, parseCliFlags, UsageError } from './options.ts';

describe('CLI flags', () => {
  it('maps every flag onto the options', () => {
    expect(
      parseCliFlags([
        '--port',
        '0',
        '--session-ttl=60',
        '--otp-mode',
        'sandbox',
        '--webauthn-origin',
        'http://localhost:*',
        '--webauthn-origin',
        'https://app.example',
        '--api-token',
        'id:se:cret',
        '--authsignal-secret',
        'k',
        '--legacy-plaintext-otp',
        '--keep-running',
      ]),
    ).toEqual({
      port: 0,
      sessionTtlSeconds: 60,
      otpMode: 'sandbox',
      webauthnOrigins: ['http://localhost:*', 'https://app.example'],
      apiToken: { id: 'id', secret: 'se:cret' },
      authsignalSecret: 'k',
      legacyPlaintextOtp: true,
      keepRunning: true,
    });
    expect(parseCliFlags([])).toEqual({});
    expect(parseCliFlags(['--help'])).toBe('help');
    expect(DEFAULTS.webauthnOrigins).toContain('chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen');
    expect(parseCliFlags(['--passkey-rp-id', 'example.com'])).toEqual({ passkeyRpId: 'example.com' });
  });

  it.each([
    [['--port', '70000']],
    [['--port']],
    [['--session-ttl', '0']],
    [['--otp-mode', 'fixed']],
    [['--api-token', 'nocolon']],
    [['--webauthn-origin', 'localhost:3000']],
    [['--webauthn-origin', 'https://app.example/path']],
    [['--verbose']],
    [['--legacy-plaintext-otp=yes']],
    [['--keep-running=yes']],
  ])('rejects %j', (argv) => {
    expect(() => parseCliFlags(argv)).toThrow(UsageError);
  });

  it('npm run emulator starts a server and prints the URL and credentials', async () => {
    const emulator = await startBin(['--port', '0', '--otp-mode', 'sandbox']);
    expect(emulator.banner).toContain('emulator-token:emulator-secret');
    expect(emulator.banner).toContain('emulator-authsignal-secret');
    expect(emulator.banner).toContain('OTP mode sandbox');
    expect(emulator.pid).toBe(emulator.child.pid);
    // Its stdin is /dev/null, which ends at once: that is no reason to stop.
    const reply = await fetch(`${emulator.url}/_emulator/enclave`);
    expect(reply.status).toBe(200);
  });
});

describe('the grid-emulator bin stops', () => {
  it.each(['SIGTERM', 'SIGINT', 'SIGHUP'] as const)('on %s: closes the server, open connections too, and exits 0', async (signal) => {
    const emulator = await startBin(['--port', '0']);
    // A keep-alive connection the server must not wait for.
    await fetch(`${emulator.url}/_emulator/enclave`, { keepalive: true });
    const exit = exitOf(emulator.child);
    emulator.child.kill(signal);
    expect(await exit).toEqual({ code: 0, signal: null });
    await expect(fetch(`${emulator.url}/_emulator/enclave`)).rejects.toThrow();
  });

  it('when its stdin is a pipe and the other end closes it (a spawning parent that died)', async () => {
    const emulator = await startBin(['--port', '0'], 'pipe');
    const exit = exitOf(emulator.child);
    emulator.child.stdin!.end();
    expect(await exit).toEqual({ code: 0, signal: null });
  });

  it('when the process that started it ends, as when npx is stopped (npm signals only its sh -c)', async () => {
    // A parent that starts the bin with stdin /dev/null and the output shared, then is killed.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `require('node:child_process').spawn(process.execPath, ${JSON.stringify(BIN)}.concat(['--port', '0']), { stdio: ['ignore', 'inherit', 'inherit'] })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    killAfterTest(parent.pid!);
    const { pid } = await bannerOf(parent);
    killAfterTest(pid);
    expect(pid).not.toBe(parent.pid);
    parent.kill('SIGKILL');
    await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
  });
});

/** Every process a test starts is killed after it: a failing or timed-out test leaves nothing running either. */
function killAfterTest(pid: number): void {
  onTestFinished(() => {
    if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });
}

/** The bin from its sources, as `npm run emulator` runs it. */
const BIN = ['--import', 'tsx', 'packages/emulator/src/main.ts'];

interface Started {
  readonly child: ChildProcess;
  readonly banner: string;
  readonly url: string;
  readonly pid: number;
}

async function startBin(args: string[], stdin: 'ignore' | 'pipe' = 'ignore'): Promise<Started> {
  const child = spawn(process.execPath, [...BIN, ...args], { stdio: [stdin, 'pipe', 'inherit'] });
  killAfterTest(child.pid!);
  return { child, ...(await bannerOf(child)) };
}

/** Reads a starting emulator's output up to the end of its banner. */
function bannerOf(child: ChildProcess): Promise<Omit<Started, 'child'>> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\)/.exec(out);
      if (found && out.includes('Ctrl-C')) resolve({ banner: out, url: found[1]!, pid: Number(found[2]) });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Still running: it exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}
