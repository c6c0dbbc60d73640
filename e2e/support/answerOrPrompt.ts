import { APPROVAL_KEY_PREFIX } from '../../src/extension-protocol/pendingApprovals.ts';
import type { Extension, WalletReply } from './extension.ts';

/** How many approvals wait in the background now, read where the queue lives (`storage.session`, src/extension-protocol/pendingApprovals.ts). */
async function waitingApprovals(extension: Extension): Promise<number> {
  const worker = await extension.serviceWorker();
  return worker.evaluate(
    async (prefix) => Object.keys(await chrome.storage.session.get(null)).filter((key) => key.startsWith(prefix)).length,
    APPROVAL_KEY_PREFIX,
  );
}

/**
 * How a page request ended, told by state rather than by a deadline: its answer,
 * or 'pending' once the background queued it for the user (more than
 * `alreadyWaiting` approvals wait). A loaded machine makes this slower, never wrong.
 */
export async function answerOrPrompt<T extends WalletReply>(
  extension: Extension,
  reply: Promise<T>,
  alreadyWaiting = 0,
): Promise<T | 'pending'> {
  let answered = false;
  const answer = reply.finally(() => (answered = true));
  answer.catch(() => undefined); // once 'pending' is returned, a page closed later must not fail the test here
  while (!answered) {
    if ((await waitingApprovals(extension)) > alreadyWaiting) return 'pending';
    // Look again when the answer comes, or after a moment: a polling pace, not a deadline.
    await Promise.race([answer, new Promise((resolve) => setTimeout(resolve, 50))]);
  }
  return answer;
}
