import { t } from '../i18n.ts';
import { Button } from './Buttons.tsx';

interface QueueHeaderProps {
  count: number;
  onRejectAll(): void;
  /** Given when other sites wait too: rejects only the current site's requests. */
  onRejectSite?: () => void;
  busy: boolean;
}

/**
 * "1 of 3", Reject all and, when several sites wait, Reject all from this site
 * (one site's flood need not cost the others their requests). The status region
 * is always in the page so a screen reader hears the count change.
 */
export function QueueHeader({ count, onRejectAll, onRejectSite, busy }: QueueHeaderProps) {
  return (
    <div class="queue">
      <span role="status" class="queue__count">
        {count > 1 ? t('queuePosition', 1, count) : ''}
      </span>
      {count > 1 && onRejectSite && (
        <Button variant="ghost" small onClick={onRejectSite} disabled={busy}>
          {t('rejectAllFromSite')}
        </Button>
      )}
      {count > 1 && (
        <Button variant="ghost" small onClick={onRejectAll} disabled={busy}>
          {t('rejectAll')}
        </Button>
      )}
    </div>
  );
}
