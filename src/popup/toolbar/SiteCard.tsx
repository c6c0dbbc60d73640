import type { ComponentChildren } from 'preact';
import type { GrantScope } from '@grid-wallet/core/signingDecision';
import type { SiteView } from '../../extension-protocol/internal.ts';
import { callBackground } from '../api.ts';
import { Button } from '../components/Buttons.tsx';
import { Countdown } from '../components/Countdown.tsx';
import { OriginBadge } from '../components/OriginBadge.tsx';
import { shortId } from '../format.ts';
import { type MessageKey, t } from '../i18n.ts';
import { sessionLabel } from '../labels.ts';
import { describeOrigin } from '../originInfo.ts';

interface ItemProps {
  title: string;
  detail: ComponentChildren;
  /** Visible label, and the full accessible name that says what it acts on. */
  action: { label: string; name: string; run(): Promise<unknown> };
}

function Item({ title, detail, action }: ItemProps) {
  return (
    <li class="item">
      <span class="item__main">
        <span class="item__title">{title}</span>
        <span class="item__detail">{detail}</span>
      </span>
      <Button small onClick={() => void action.run()} aria-label={action.name}>
        {action.label}
      </Button>
    </li>
  );
}

/** A grant says what it covers: its title and a line of scope, per scope. */
const GRANT_TITLES: Record<GrantScope, MessageKey> = { payments: 'grantActive' };
const GRANT_SCOPES: Record<GrantScope, MessageKey> = { payments: 'grantScopePayments' };

const timeLeft = (until: number) => <Countdown until={until} running={(time) => t('timeLeft', time)} expired={t('signerExpired')} />;

/** One connected site: its signing grant (and what it covers), its sessions, and Disconnect. Every action re-reads the dashboard. */
export function SiteCard({ site, headingId, changed }: { site: SiteView; headingId: string; changed(): void }) {
  const address = describeOrigin(site.origin).address;
  const act = (work: () => Promise<unknown>) => () => work().finally(changed);
  return (
    <article class="card site" aria-labelledby={headingId}>
      <div class="site__head">
        <OriginBadge origin={site.origin} size="compact" as="h3" id={headingId} />
        <Button
          variant="ghost"
          small
          aria-label={t('disconnectSite', address)}
          onClick={act(() => callBackground('sites/disconnect', { origin: site.origin }))}
        >
          {t('disconnect')}
        </Button>
      </div>
      <ul class="plain-list site__items">
        {site.signingGrant && (
          <Item
            title={t(GRANT_TITLES[site.signingGrant.scope])}
            detail={
              <>
                {t(GRANT_SCOPES[site.signingGrant.scope])} · {timeLeft(site.signingGrant.until)}
              </>
            }
            action={{
              label: t('revoke'),
              name: t('revokeGrantFor', address),
              run: act(() => callBackground('grants/revoke', { origin: site.origin })),
            }}
          />
        )}
        {site.sessions.map((session) => {
          const name = sessionLabel(session) || shortId(session.accountId, 4);
          return (
            <Item
              key={session.sessionId}
              title={name}
              detail={
                <>
                  <span title={session.accountId}>{shortId(session.accountId, 4)}</span> · {timeLeft(Date.parse(session.expiresAt))}
                </>
              }
              action={{
                label: t('endSession'),
                name: t('endSessionNamed', name),
                run: act(() => callBackground('sessions/end', { origin: site.origin, sessionId: session.sessionId })),
              }}
            />
          );
        })}
        {site.sessions.length === 0 && <li class="item item--empty">{t('noSessions')}</li>}
      </ul>
    </article>
  );
}
