import type { ActivityView } from '../../protocol/internal.ts';
import { formatDateTime, formatWhen } from '../format.ts';
import { useNow } from '../hooks/useNow.ts';
import { t } from '../i18n.ts';
import { describeOrigin } from '../originInfo.ts';
import { activityEntryTitle, consentText } from './activityText.ts';

const SHOWN = 15;

/** What was signed or changed, for which site, when, and how the person agreed. */
export function ActivityList({ activity }: { activity: ActivityView[] }) {
  const now = useNow(30_000);
  return (
    <section aria-labelledby="activity-title">
      <h2 id="activity-title" class="section-heading">
        {t('activityTitle')}
      </h2>
      {activity.length === 0 ? (
        <p class="muted empty-note">{t('activityEmpty')}</p>
      ) : (
        <ol class="plain-list card activity">
          {activity.slice(0, SHOWN).map((entry) => {
            const consent = consentText(entry.consent);
            return (
              <li key={`${entry.at}-${entry.kind}-${entry.origin}`} class="activity__entry">
                <span class="activity__title">{activityEntryTitle(entry)}</span>
                <span class="activity__meta">
                  {describeOrigin(entry.origin).address} ·{' '}
                  <time dateTime={new Date(entry.at).toISOString()} title={formatDateTime(entry.at)}>
                    {formatWhen(entry.at, now)}
                  </time>
                  {consent && ` · ${consent}`}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
