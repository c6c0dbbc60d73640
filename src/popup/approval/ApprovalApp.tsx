import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ErrorCode, type ErrorPayload } from '@grid-wallet/protocol/errors';
import type { ApprovalInput, ApprovalKind, ApprovalView } from '../../extension-protocol/internal.ts';
import { callBackground } from '../api.ts';
import { BrandMark } from '../components/BrandMark.tsx';
import { Icon } from '../components/Icon.tsx';
import { Notice } from '../components/Notice.tsx';
import { QueueHeader } from '../components/QueueHeader.tsx';
import { useKey } from '../hooks/useKey.ts';
import { type MessageKey, t } from '../i18n.ts';
import { describeOrigin } from '../originInfo.ts';
import { ConnectScreen } from './screens/ConnectScreen.tsx';
import { OtpScreen } from './screens/OtpScreen.tsx';
import { PasskeyScreen } from './screens/PasskeyScreen.tsx';
import type { ScreenProps } from './screens/ScreenProps.ts';
import { SignScreen } from './screens/SignScreen.tsx';
import { WalletExportScreen } from './screens/WalletExportScreen.tsx';
import { DecisionInFlight } from './decisionInFlight.ts';
import { onWaitingRequestsChange, readWaitingRequests } from './waitingRequests.ts';

/** Why an approved request still failed, in words (the page gets the error itself). */
function failureText(error: ErrorPayload, kind: ApprovalView['kind']): string {
  // The answer to a passkey that is not the site's (a request that is simply gone has no `reason`).
  if (kind === 'passkey-get' && error.code === ErrorCode.notFound && error.data?.reason === 'not_found')
    return t('failurePasskeyNotThisSite');
  const known: Partial<Record<number, MessageKey>> = {
    [ErrorCode.notFound]: 'failureGone',
    [ErrorCode.bundleDidNotOpen]: 'failureBundle',
    [ErrorCode.invalidParams]: 'failureInvalid',
  };
  return t(known[error.code] ?? 'failureGeneric');
}

/** One screen per approval kind (extension-protocol/internal.ts, ApprovalKinds); the type makes a missing one a compile error. */
const SCREENS: { [K in ApprovalKind]: ComponentType<ScreenProps<K>> } = {
  connect: ConnectScreen,
  sign: SignScreen,
  otp: OtpScreen,
  'passkey-create': PasskeyScreen,
  'passkey-get': PasskeyScreen,
  'wallet-export': WalletExportScreen,
};

/** The screen of the request's kind. */
function Screen<K extends ApprovalKind>({ kind, ...props }: ScreenProps<K> & { kind: K }) {
  const KindScreen: ComponentType<ScreenProps<K>> = SCREENS[kind];
  return <KindScreen {...props} />;
}

/**
 * The approval window (docs/architecture.md §5): the oldest waiting request, one at a time,
 * with the queue's length and Reject all. Escape rejects. The background closes
 * the window when the queue is empty, and closing it rejects what is left.
 * `initialQueue` is what was waiting when the window loaded; later changes come
 * from storage events.
 */
export function ApprovalApp({ initialQueue }: { initialQueue: ApprovalView[] }) {
  const [queue, setQueue] = useState(initialQueue);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [decision] = useState(() => new DecisionInFlight(setBusy, () => void readWaitingRequests().then(setQueue, () => undefined)));
  useEffect(() => {
    const stop = onWaitingRequestsChange(() => decision.queueChanged());
    decision.queueChanged(); // whatever changed between the first read and listening
    return stop;
  }, []);
  const current = queue[0];

  // What a screen reader says as a prompt opens: the window's title names the site, and the
  // status line (present and empty from the first render, so filling it is announced) names the
  // site and the action in the prompt's own heading (docs/architecture.md §5).
  const [announcement, setAnnouncement] = useState('');
  useEffect(() => {
    const site = current && describeOrigin(current.origin).address;
    document.title = site ? t('windowTitle', site) : t('brandName');
    const action = document.getElementById('prompt-title')?.textContent;
    setAnnouncement(site && action ? t('promptAnnouncement', site, action) : '');
  }, [current?.id]);

  async function decide(input: ApprovalInput | null): Promise<void> {
    if (!current || busy || !decision.start()) return;
    setFailure(null);
    try {
      const params = input
        ? { approvalId: current.id, approved: true as const, input }
        : { approvalId: current.id, approved: false as const };
      const reply = await callBackground('approvals/decide', params);
      if (!reply.ok) setFailure(failureText(reply.error, current.kind));
    } catch {
      setFailure(t('failureGeneric'));
    } finally {
      decision.settled(); // the queue itself follows from the storage event the decision caused
    }
  }

  async function rejectMany(work: () => Promise<unknown>) {
    setBusy(true);
    await work().catch(() => undefined);
    setBusy(false);
  }
  const rejectAll = () => rejectMany(() => callBackground('approvals/rejectAll'));
  const otherSitesWait = queue.some((view) => view.origin !== current?.origin);
  const rejectSite = () => rejectMany(() => callBackground('approvals/rejectOrigin', { origin: current!.origin }));

  useKey('Escape', () => void decide(null));

  return (
    <div class="window">
      <header class="topbar">
        <BrandMark />
        <QueueHeader count={queue.length} onRejectAll={rejectAll} {...(otherSitesWait && { onRejectSite: rejectSite })} busy={busy} />
      </header>
      <p role="status" class="visually-hidden">
        {announcement}
      </p>
      {failure && (
        <div class="window__failure">
          <Notice tone="danger" role="alert">
            {failure}
          </Notice>
        </div>
      )}
      {current ? (
        <Screen key={current.id} kind={current.kind} view={current} decide={decide} busy={busy} />
      ) : (
        <main class="empty">
          <Icon name="check" size={28} />
          <h1 class="prompt__title">{t('emptyTitle')}</h1>
          <p>{t('emptyText')}</p>
        </main>
      )}
    </div>
  );
}
