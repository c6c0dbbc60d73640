import { useState } from 'preact/hooks';
import { callBackground } from '../../api.ts';
import { AnswerButton, Button } from '../../components/Buttons.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PromptLayout } from '../../components/PromptLayout.tsx';
import { t } from '../../i18n.ts';
import { RecoveryPhrase } from '../parts/RecoveryPhrase.tsx';
import type { ScreenProps } from './ScreenProps.ts';

/**
 * grid_showWalletExport: the exported wallet's recovery phrase, shown only in this
 * window, hidden until the user reveals it. It lives in this component's state
 * and nowhere else: never stored, never sent to the page, gone when the window closes.
 */
export function WalletExportScreen({ view, decide, busy }: ScreenProps<'wallet-export'>) {
  const [mnemonic, setMnemonic] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const reveal = async () => {
    setFailed(false);
    try {
      setMnemonic((await callBackground('export/reveal', { approvalId: view.id })).mnemonic);
    } catch {
      setFailed(true);
    }
  };

  const done = async () => {
    setMnemonic(null);
    await decide({ kind: 'wallet-export' });
  };

  const actions = (
    <div class="decision">
      {mnemonic === null ? (
        <>
          <Button onClick={() => void decide(null)} disabled={busy}>
            {t('exportCancel')}
          </Button>
          <AnswerButton variant="primary" onClick={() => void reveal()} disabled={busy}>
            {t('exportReveal')}
          </AnswerButton>
        </>
      ) : (
        <AnswerButton variant="primary" onClick={() => void done()} disabled={busy}>
          {t('exportDone')}
        </AnswerButton>
      )}
    </div>
  );

  return (
    <PromptLayout origin={view.origin} kind={view.kind} title={t('exportTitle')} actions={actions}>
      <p>{t('exportIntro')}</p>
      <Notice tone="danger" title={t('warningTitle')}>
        {t('exportWarning')}
      </Notice>
      {failed && (
        <Notice tone="danger" role="alert">
          {t('failureGone')}
        </Notice>
      )}
      {mnemonic === null ? <p class="card phrase phrase--hidden">{t('exportHidden')}</p> : <RecoveryPhrase mnemonic={mnemonic} />}
      <p class="hint">{t('exportNotKept')}</p>
    </PromptLayout>
  );
}
