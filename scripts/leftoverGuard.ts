/**
 * `npm test`'s first and last steps: nothing a test starts or writes outlives the run.
 *
 *   tsx scripts/leftoverGuard.ts before [snapshot]   notes the processes and temp entries
 *   tsx scripts/leftoverGuard.ts after  [snapshot]   fails, naming them, on any of ours that are new
 *
 * What counts as ours is in scripts/leftovers.ts. The snapshot is kept in
 * `.tmp/leftover-guard.json` unless another file is given, and removed by `after`.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { TEMP_PREFIX } from './tempDir.ts';
import { describeLeftovers, findLeftovers, isClean, type Places, type Snapshot, takeSnapshot } from './leftovers.ts';

const ROOT = join(import.meta.dirname, '..');
const [mode, file = join(ROOT, '.tmp', 'leftover-guard.json')] = process.argv.slice(2);
const snapshotFile = resolve(file);
const places: Places = { root: ROOT, tmp: tmpdir(), tempPrefix: TEMP_PREFIX, ownFiles: [basename(snapshotFile)] };

if (mode === 'before') {
  mkdirSync(dirname(snapshotFile), { recursive: true });
  writeFileSync(snapshotFile, JSON.stringify(takeSnapshot(places)));
} else if (mode === 'after') {
  let before: Snapshot;
  try {
    before = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
  } catch {
    console.error(`leftover guard: no snapshot at ${snapshotFile}; run "tsx scripts/leftoverGuard.ts before" first.`);
    process.exit(2);
  }
  rmSync(snapshotFile);
  const leftovers = findLeftovers(places, before);
  if (leftovers.processesUnchecked) console.warn(`leftover guard: processes not checked (${leftovers.processesUnchecked}).`);
  if (!isClean(leftovers)) {
    console.error(
      [
        'leftover guard: the run left these behind (stop or remove them, and fix what made them):',
        ...describeLeftovers(leftovers).map((line) => `  ${line}`),
      ].join('\n'),
    );
    process.exit(1);
  }
  console.log('leftover guard: nothing left behind.');
} else {
  console.error('usage: tsx scripts/leftoverGuard.ts before|after [snapshot file]');
  process.exit(2);
}
