import { spawn } from 'node:child_process';

/** Starts the emulator through its published bin on a free port and returns its URL. */
export async function startEmulator(): Promise<{ url: string; stop(): void }> {
  // Its own process group: npx runs the bin as a child, and stopping npx alone would leave the emulator running.
  const child = spawn('npx', ['grid-emulator', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  const url = await new Promise<string>((resolve, reject) => {
    let printed = '';
    child.stdout.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
      const found = printed.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) resolve(found[1]!);
    });
    child.once('exit', (code) => reject(new Error(`grid-emulator exited with ${code}: ${printed}`)));
  });
  return { url, stop: () => process.kill(-child.pid!) };
}
