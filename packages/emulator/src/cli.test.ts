import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
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
      ]),
    ).toEqual({
      port: 0,
      sessionTtlSeconds: 60,
      otpMode: 'sandbox',
      webauthnOrigins: ['http://localhost:*', 'https://app.example'],
      apiToken: { id: 'id', secret: 'se:cret' },
      authsignalSecret: 'k',
      legacyPlaintextOtp: true,
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
  ])('rejects %j', (argv) => {
    expect(() => parseCliFlags(argv)).toThrow(UsageError);
  });

  it('npm run emulator starts a server and prints the URL and credentials', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'packages/emulator/src/main.ts', '--port', '0', '--otp-mode', 'sandbox'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (out.includes('Ctrl-C')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)![1]!;
      expect(banner).toContain('emulator-token:emulator-secret');
      expect(banner).toContain('emulator-authsignal-secret');
      expect(banner).toContain('OTP mode sandbox');
      const reply = await fetch(`${url}/_emulator/enclave`);
      expect(reply.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
