import { t } from '../i18n.ts';
import { Button } from './Buttons.tsx';

/**
 * "1 of 3" and Reject all, when more than one request waits. The status region
 * is always in the page so a screen reader hears the count change.
 */
export function QueueHeader({ count, onRejectAll, busy }: { count: number; onRejectAll(): void; busy: boolean }) {
  return (
    <div class="queue">
      <span role="status" class="queue__count">
        {count > 1 ? t('queuePosition', 1, count) : ''}
      </span>
      {count > 1 && (
        <Button variant="ghost" small onClick={onRejectAll} disabled={busy}>
          {t('rejectAll')}
        </Button>
      )}
    </div>
  );
}
