/**
 * What a test run leaves behind, found by comparing the machine before and after it
 * (scripts/leftoverGuard.ts runs this as `npm test`'s first and last steps).
 *
 * "Ours" must not take in what else runs on the machine (a CI runner's other jobs,
 * another checkout's tests), so it is narrow:
 * - a process that was not running before, is not the one looking (or what runs it),
 *   and comes from this checkout's run: its PATH holds the checkout's
 *   node_modules/.bin, which npm puts there for every script of this checkout and
 *   every process started under one inherits (an emulator under `npx` in a temporary
 *   project outside the checkout too), or its command line or working directory is in
 *   one of the checkout's temporary folders. Merely being in the checkout is not
 *   enough: an editor or a shell opened there meanwhile is not the run's;
 * - a temp-directory entry named with this checkout's prefix (scripts/tempDir.ts: every
 *   temporary folder of this repository's tests and scripts is made there;
 *   leftovers.test.ts checks) that was not there before, and anything new in the
 *   checkout's own `.tmp/`.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { canListProcesses, describeProcess, lineageOf, listProcesses, namesPath, type ProcessInfo } from './processes.ts';

export interface Places {
  /** The checkout. */
  readonly root: string;
  /** The system temp directory (`os.tmpdir()`). */
  readonly tmp: string;
  /** How the checkout's temporary folders start (scripts/tempDir.ts). */
  readonly tempPrefix: string;
  /** Entries of `<root>/.tmp` that are not leftovers (the guard's own snapshot). */
  readonly ownFiles?: readonly string[];
}

export interface Snapshot {
  readonly processes: readonly string[];
  readonly tempEntries: readonly string[];
  readonly localEntries: readonly string[];
}

export interface Leftovers {
  readonly processes: readonly ProcessInfo[];
  /** Full paths. */
  readonly entries: readonly string[];
  /** Set when processes could not be looked at (no /proc). */
  readonly processesUnchecked?: string;
}

const entriesOf = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir) : []);
const ourTempEntries = (places: Places): string[] => entriesOf(places.tmp).filter((name) => name.startsWith(places.tempPrefix));
const localEntries = (places: Places): string[] => entriesOf(join(places.root, '.tmp')).filter((name) => !places.ownFiles?.includes(name));

export function takeSnapshot(places: Places): Snapshot {
  return {
    processes: canListProcesses() ? listProcesses().map((p) => p.key) : [],
    tempEntries: ourTempEntries(places),
    localEntries: localEntries(places),
  };
}

/**
 * Background work of the tools we run that ends by itself and is not ours to stop:
 * update-notifier's registry check, which web-ext starts detached every few days.
 */
const TOOLS_OWN = [/[/\\]node_modules[/\\]update-notifier[/\\]check\.js$/];
const isToolsOwn = (p: ProcessInfo): boolean => p.args.some((arg) => TOOLS_OWN.some((pattern) => pattern.test(arg)));

function isFromRun(p: ProcessInfo, places: Places): boolean {
  return p.path.includes(join(places.root, 'node_modules', '.bin')) || namesPath(p, join(places.tmp, places.tempPrefix));
}

/** What is ours now and was not there at `before`. `self` (and its ancestors) is the process asking. */
export function findLeftovers(places: Places, before: Snapshot, self: number = process.pid): Leftovers {
  const newSince = <T>(now: readonly T[], then: readonly T[]): T[] => now.filter((item) => !then.includes(item));
  const entries = [
    ...newSince(ourTempEntries(places), before.tempEntries).map((name) => join(places.tmp, name)),
    ...newSince(localEntries(places), before.localEntries).map((name) => join(places.root, '.tmp', name)),
  ];
  if (!canListProcesses()) return { processes: [], entries, processesUnchecked: 'no /proc on this system' };
  const processes = listProcesses();
  const asking = lineageOf(self, processes);
  const running = new Set(before.processes);
  return {
    processes: processes.filter((p) => !running.has(p.key) && !asking.has(p.pid) && isFromRun(p, places) && !isToolsOwn(p)),
    entries,
  };
}

export function isClean(leftovers: Leftovers): boolean {
  return leftovers.processes.length === 0 && leftovers.entries.length === 0;
}

/** The report: one line per leftover. */
export function describeLeftovers(leftovers: Leftovers): string[] {
  return [...leftovers.processes.map(describeProcess), ...leftovers.entries];
}
