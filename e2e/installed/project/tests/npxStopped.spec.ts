import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Stopping `npx grid-emulator` stops the emulator: npm passes SIGTERM only to the
 * `sh -c` it runs the bin in, so the node process under it must notice on its own.
 */
test('an emulator started with npx ends when npx is stopped', async () => {
  const npx = spawn('npx', ['grid-emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { url, pid } = await new Promise<{ url: string; pid: number }>((resolve, reject) => {
    let printed = '';
    npx.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = /listening on (http:\/\/127\.0\.0\.1:\d+) \(pid (\d+)\)/.exec(printed);
      if (found) resolve({ url: found[1]!, pid: Number(found[2]) });
    });
    npx.once('exit', (code) => reject(new Error(`npx grid-emulator exited with ${code}: ${printed}`)));
  });
  try {
    expect(pid).not.toBe(npx.pid);
    expect((await fetch(`${url}/_emulator/enclave`)).status).toBe(200);
    npx.kill('SIGTERM');
    await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
    await expect(fetch(`${url}/_emulator/enclave`)).rejects.toThrow();
  } finally {
    // Whatever happened above, this test leaves nothing running.
    npx.kill('SIGKILL');
    if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  }
});

/** Running: it exists and is not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]![0] !== 'Z';
  } catch {
    return false;
  }
}
