import type { PausedSiteView } from '../../extension-protocol/internal.ts';
import { callBackground } from '../api.ts';
import { Button } from '../components/Buttons.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { t } from '../i18n.ts';
import { describeOrigin } from '../originInfo.ts';

/** Sites paused from asking (stores/PromptBackoff.ts); "Allow again" lets one ask at once. */
export function PausedSites({ sites, changed }: { sites: PausedSiteView[]; changed(): void }) {
  if (sites.length === 0) return null;
  return (
    <section class="card paused" aria-labelledby="paused-title">
      <h2 id="paused-title" class="section-title">
        {t('pausedTitle')}
      </h2>
      <ul class="plain-list">
        {sites.map(({ origin, until }) => {
          const address = describeOrigin(origin).address;
          return (
            <li key={origin} class="item">
              <span class="item__main">
                <span class="item__title">{address}</span>
                <span class="item__detail">
                  <Countdown until={until} running={(time) => t('pausedUntil', time)} expired={t('allowAgain')} />
                </span>
              </span>
              <Button
                small
                aria-label={t('allowAgainNamed', address)}
                onClick={() => void callBackground('sites/allowConnect', { origin }).finally(changed)}
              >
                {t('allowAgain')}
              </Button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
