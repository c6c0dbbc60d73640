import { useCallback, useEffect, useState } from 'preact/hooks';
import type { ApprovalInput, ApprovalView } from '../../protocol/internal.ts';
import { callBackground, onBackgroundChange } from '../api.ts';

/**
 * The approval window: shows the oldest waiting request, who asks and what,
 * with Approve and Reject. Closing the window rejects everything (the background
 * sees the window go). The popup issue grows each kind into its own screen.
 */
export function ApprovalApp() {
  const [queue, setQueue] = useState<ApprovalView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    void callBackground('approvals/list').then(setQueue, () => setQueue([]));
  }, []);
  useEffect(() => {
    refresh();
    return onBackgroundChange(refresh);
  }, [refresh]);

  useEffect(() => {
    if (queue !== null && queue.length === 0) window.close();
  }, [queue]);

  if (!queue || queue.length === 0) return null;
  const current = queue[0]!;

  async function decide(approved: boolean) {
    setError(null);
    const input: ApprovalInput | null = approved ? defaultInput(current) : null;
    const reply = await callBackground(
      'approvals/decide',
      input ? { approvalId: current.id, approved: true, input } : { approvalId: current.id, approved: false },
    );
    if (!reply.ok) setError(reply.error.message);
    refresh();
  }

  return (
    <main>
      <p>
        {queue.length > 1 ? `1 of ${queue.length}` : ''}
      </p>
      <h1>{current.origin}</h1>
      <p>{describe(current)}</p>
      {current.kind === 'sign' && <pre>{current.params.payloadToSign}</pre>}
      {error && <p role="alert">{error}</p>}
      <button type="button" onClick={() => decide(false)}>
        Reject
      </button>
      <button type="button" onClick={() => decide(true)}>
        Approve
      </button>
    </main>
  );
}

function describe(view: ApprovalView): string {
  switch (view.kind) {
    case 'connect':
      return 'wants to connect to your Grid wallet';
    case 'sign':
      return 'asks you to sign';
    default:
      return view.kind;
  }
}

function defaultInput(view: ApprovalView): ApprovalInput | null {
  return view.kind === 'connect' ? { kind: 'connect' } : view.kind === 'sign' ? { kind: 'sign' } : null;
}
