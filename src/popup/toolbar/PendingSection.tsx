import type { ApprovalView } from '../../extension-protocol/internal.ts';
import { callBackground } from '../api.ts';
import { Button } from '../components/Buttons.tsx';
import { t } from '../i18n.ts';
import { approvalKindLabel } from '../labels.ts';
import { describeOrigin } from '../originInfo.ts';

/** Requests waiting for an answer, with a way back to the approval window if it got lost behind others. */
export function PendingSection({ pending }: { pending: ApprovalView[] }) {
  if (pending.length === 0) return null;
  return (
    <section class="card pending" aria-labelledby="pending-title">
      <div class="pending__head">
        <h2 id="pending-title" class="section-title">
          {t('pendingTitle', pending.length)}
        </h2>
        <Button variant="primary" small onClick={() => void callBackground('approvals/show')}>
          {t('pendingOpen')}
        </Button>
      </div>
      <ul class="plain-list">
        {pending.map((approval) => (
          <li key={approval.id} class="pending__item">
            <span>{approvalKindLabel(approval.kind)}</span>
            <span class="muted">{describeOrigin(approval.origin).address}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
