import { type ChildProcess, spawn } from 'node:child_process';

/**
 * Child processes of `npm start`. Each runs in its own process group, so that
 * stopping it (by its pid) also stops what it started, such as Chromium's
 * renderers or npm's shell, and nothing is left behind.
 */
const running = new Set<ChildProcess>();

/** Runs a command to completion with the terminal's output; rejects on failure. */
export function runToEnd(command: string, args: string[]): Promise<void> {
  const child = spawnGroup(command, args, 'inherit');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

/** Starts a long-running command in its own process group. */
export function spawnGroup(command: string, args: string[], stdio: 'inherit' | 'ignore'): ChildProcess {
  const child = spawn(command, args, { stdio, detached: true });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.once('error', () => running.delete(child));
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

/** Asks every child's group to stop, and kills whatever is still there after `graceMs`. */
export async function stopAll(graceMs = 3000): Promise<void> {
  const children = [...running].filter((child) => child.pid !== undefined && child.exitCode === null && child.signalCode === null);
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            signalGroup(child, 'SIGKILL');
            resolve();
          }, graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            // The leader may exit before the rest of its group.
            signalGroup(child, 'SIGKILL');
            resolve();
          });
          signalGroup(child, 'SIGTERM');
        }),
    ),
  );
}
