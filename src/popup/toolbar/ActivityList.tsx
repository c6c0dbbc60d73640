import { useState } from 'preact/hooks';
import type { ActivityView } from '../../extension-protocol/internal.ts';
import { Button } from '../components/Buttons.tsx';
import { formatDateTime, formatWhen } from '../format.ts';
import { useNow } from '../hooks/useNow.ts';
import { t } from '../i18n.ts';
import { describeOrigin } from '../originInfo.ts';
import { activityEntryTitle, consentText } from './activityText.ts';

/** With all sites shown: this many sites, most recently active first, and this many entries of each. */
const SITES_SHOWN = 8;
const ENTRIES_PER_SITE = 3;
const ALL_SITES = '';

/**
 * What was signed or changed, for which site, when, and how the person agreed;
 * grouped by site (the background reads each site's newest entries apart), so a
 * busy site cannot push the others out of view, and filterable to one site.
 */
export function ActivityList({ activity }: { activity: ActivityView[] }) {
  const now = useNow(30_000);
  const [chosen, choose] = useState(ALL_SITES);
  // Newest first, so sites come in order of their latest entry.
  const sites = [...new Set(activity.map((entry) => entry.origin))];
  const site = sites.includes(chosen) ? chosen : ALL_SITES;
  const shown = site === ALL_SITES ? sites.slice(0, SITES_SHOWN) : [site];
  return (
    <section aria-labelledby="activity-title">
      <div class="activity__head">
        <h2 id="activity-title" class="section-heading">
          {t('activityTitle')}
        </h2>
        {sites.length > 1 && (
          <label class="activity__filter">
            {t('activitySiteFilter')}
            <select value={site} onChange={(event) => choose(event.currentTarget.value)}>
              <option value={ALL_SITES}>{t('activityAllSites')}</option>
              {sites.map((origin) => (
                <option key={origin} value={origin}>
                  {describeOrigin(origin).address}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {activity.length === 0 ? (
        <p class="muted empty-note">{t('activityEmpty')}</p>
      ) : (
        shown.map((origin) => {
          const entries = activity.filter((entry) => entry.origin === origin);
          const listed = site === ALL_SITES ? entries.slice(0, ENTRIES_PER_SITE) : entries;
          return (
            <div key={origin} class="card activity">
              <h3 class="activity__site">{describeOrigin(origin).address}</h3>
              <ol class="plain-list">
                {listed.map((entry, index) => (
                  // Two entries may share their time, kind and title (a burst under a grant); their place tells them apart.
                  <ActivityEntry key={`${entry.at}-${index}`} entry={entry} now={now} />
                ))}
              </ol>
              {listed.length < entries.length && (
                <Button variant="ghost" small onClick={() => choose(origin)}>
                  {t('activityShowSite', entries.length - listed.length)}
                </Button>
              )}
            </div>
          );
        })
      )}
    </section>
  );
}

function ActivityEntry({ entry, now }: { entry: ActivityView; now: number }) {
  const consent = consentText(entry.consent);
  return (
    <li class="activity__entry">
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
}
