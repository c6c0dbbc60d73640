import { readdirSync, readFileSync } from 'node:fs';
import type { Extension } from './extension.ts';

/** The browser's main process for this profile: its command line names the profile, and it is no helper (`--type=…`). */
function browserPid(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // exited meanwhile
    }
    if (args.includes(`--user-data-dir=${userDataDir}`) && !args.some((arg) => arg.startsWith('--type='))) return Number(entry);
  }
  throw new Error(`no browser process runs the profile ${userDataDir}`);
}

/**
 * Kills the browser as a power cut or the OOM killer would (SIGKILL: no shutdown,
 * nothing flushed on the way out) and returns once Playwright has seen it go.
 */
export async function killBrowser(extension: Extension, userDataDir: string): Promise<void> {
  const gone = new Promise((resolve) => extension.context.once('close', resolve));
  process.kill(browserPid(userDataDir), 'SIGKILL');
  await gone;
}
