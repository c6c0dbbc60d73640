/**
 * The machine's processes as Linux's /proc shows them, for the checks that a run
 * left nothing behind (scripts/leftovers.ts, scripts/testInstalledPackages.ts).
 * Only what can be read is listed: another user's process, or one that ended
 * while being read, is skipped; so are kernel threads (no command line) and
 * zombies (already dead, waiting for their parent or init to reap them).
 */
import { existsSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface ProcessInfo {
  readonly pid: number;
  readonly ppid: number;
  /** The pid and the start time (clock ticks since boot): unique even when a pid is reused. */
  readonly key: string;
  readonly args: readonly string[];
  /** Its working directory; a deleted one ends in " (deleted)". */
  readonly cwd: string | undefined;
  /** Its environment's PATH entries (not the rest of the environment: it may hold secrets). */
  readonly path: readonly string[];
}

/** False where there is no /proc (macOS, Windows): the callers then say they could not look. */
export const canListProcesses = (): boolean => existsSync('/proc/self/stat');

function read(pid: string): ProcessInfo | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, ppid] = fields;
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    if (state === 'Z' || args.length === 0) return undefined;
    return {
      pid: Number(pid),
      ppid: Number(ppid),
      key: `${pid}@${fields[19]}`,
      args,
      cwd: optional(() => readlinkSync(`/proc/${pid}/cwd`)),
      path: pathOf(pid),
    };
  } catch {
    return undefined;
  }
}

function optional<T>(get: () => T): T | undefined {
  try {
    return get();
  } catch {
    return undefined;
  }
}

function pathOf(pid: string): string[] {
  const environ = optional(() => readFileSync(`/proc/${pid}/environ`, 'utf8')) ?? '';
  const path = environ.split('\0').find((entry) => entry.startsWith('PATH='));
  return path ? path.slice('PATH='.length).split(':') : [];
}

export function listProcesses(): ProcessInfo[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => read(pid) ?? []);
}

/** `pid` and every process above it: the chain that is running the caller. */
export function lineageOf(pid: number, processes: readonly ProcessInfo[]): Set<number> {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const lineage = new Set<number>();
  for (let p = byPid.get(pid); p && !lineage.has(p.pid); p = byPid.get(p.ppid)) lineage.add(p.pid);
  return lineage;
}

/**
 * Whether its command line or working directory names a path that starts with
 * `prefix` (`--profile=/tmp/x/p` and a cwd of /tmp/x/p both name "/tmp/x/").
 */
export function namesPath(p: ProcessInfo, prefix: string): boolean {
  return p.args.some((arg) => arg.includes(prefix)) || (p.cwd?.startsWith(prefix) ?? false);
}

/** One line for a report: pid, command line and working directory. */
export function describeProcess(p: ProcessInfo): string {
  return `pid ${p.pid}: ${p.args.join(' ')}${p.cwd ? `   (in ${p.cwd})` : ''}`;
}
