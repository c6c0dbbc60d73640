import { fstatSync } from 'node:fs';

/**
 * How the `grid-emulator` bin notices that whoever started it has gone, so that a
 * test runner, `npx` or a CI step that ends without signalling it (killed, crashed,
 * or `npx` stopped: npm passes SIGTERM only to its `sh -c`, not to the node under
 * it) leaves no emulator behind. Two signs, either one is enough:
 *
 * - its parent process ends. POSIX re-parents an orphan, so `process.ppid`
 *   changes; where it does not (Windows), the old parent's pid stops answering.
 *   Started by init itself (ppid 0 or 1) there is no owner to watch.
 * - its stdin is a pipe or a socket (what Node's `spawn`, Playwright's `webServer`
 *   and shell pipelines give) and the writing end closes. A terminal or
 *   `/dev/null` (a person, `< /dev/null`, CI with no stdin) is never watched:
 *   a terminal ends on Ctrl-D and `/dev/null` at once, and neither means "stop".
 */

/** How often the parent is looked at: an orphan lives at most this long. */
const PARENT_POLL_MS = 250;

/**
 * The parent as the process started, read when this module loads: a parent that dies
 * while the server is still starting has already handed the process to another by the
 * time the watch begins, so reading it then would watch the wrong one.
 */
const STARTING_PARENT = process.ppid;

function stdinIsPipe(): boolean {
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false; // no fd 0 at all
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls `onGone` once, when the owner goes. */
export function watchOwner(onGone: () => void): void {
  const parent = STARTING_PARENT;
  const watchStdin = stdinIsPipe();
  let poll: NodeJS.Timeout | undefined;
  let gone = false;

  function report(): void {
    if (gone) return;
    gone = true;
    // Closing the server can take a moment; report once.
    clearInterval(poll);
    if (watchStdin) process.stdin.off('end', report).off('close', report).off('error', report).pause();
    onGone();
  }

  if (parent > 1) {
    poll = setInterval(() => {
      if (process.ppid !== parent || !isAlive(parent)) report();
    }, PARENT_POLL_MS);
    // The server keeps the process alive, not this watch.
    poll.unref();
  }
  if (watchStdin) {
    process.stdin.on('end', report).on('close', report).on('error', report);
    // Reads (and drops) whatever is written: nothing is expected but the end.
    process.stdin.resume();
  }
}
