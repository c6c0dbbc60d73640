import { DecisionBar } from '../../components/Buttons.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PromptLayout } from '../../components/PromptLayout.tsx';
import { t } from '../../i18n.ts';
import type { ScreenProps } from './ScreenProps.ts';

/** wallet_connect: what a connected site may do, and what it never gets. */
export function ConnectScreen({ view, decide, busy }: ScreenProps<'connect'>) {
  const abilities = [t('connectMaySignIn'), t('connectMayAskSignatures'), t('connectMaySeeSessions')];
  return (
    <PromptLayout
      origin={view.origin}
      kind={view.kind}
      title={t('connectTitle')}
      actions={<DecisionBar busy={busy} onReject={() => decide(null)} onApprove={() => decide({ kind: 'connect' })} />}
    >
      <section class="card" aria-labelledby="connect-abilities">
        <h2 id="connect-abilities" class="section-title">
          {t('connectAbilitiesTitle')}
        </h2>
        <ul class="checklist">
          {abilities.map((ability) => (
            <li key={ability}>
              <Icon name="check" />
              {ability}
            </li>
          ))}
        </ul>
      </section>
      <Notice tone="info">{t('connectNeverKeys')}</Notice>
    </PromptLayout>
  );
}
