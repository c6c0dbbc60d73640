import { useEffect, useRef, useState } from 'preact/hooks';
import { callBackground } from '../../api.ts';
import { DecisionBar } from '../../components/Buttons.tsx';
import { type Field, FieldList } from '../../components/FieldList.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PromptLayout } from '../../components/PromptLayout.tsx';
import { type MessageKey, t } from '../../i18n.ts';
import {
  CEREMONY_TIMEOUT_MS,
  ceremonyRpId,
  creationOptions,
  requestOptions,
  serializeAssertion,
  serializeRegistration,
} from '../../webauthn.ts';
import type { ScreenProps } from './ScreenProps.ts';

type Phase = { state: 'idle' } | { state: 'waiting' } | { state: 'failed'; message: MessageKey };

/** Why the browser's passkey prompt ended without a passkey, in words. */
function failureMessage(error: unknown): MessageKey {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'InvalidStateError') return 'passkeyAlreadyRegistered';
  if (name === 'NotAllowedError' || name === 'AbortError' || name === 'TimeoutError') return 'passkeyCancelled';
  return 'passkeyFailed';
}

/** Passkeys this browser already made for the account, so the same authenticator is not enrolled twice. */
function useExistingPasskeys(view: ScreenProps<'passkey-create' | 'passkey-get'>['view']): Promise<string[]> {
  const [existing] = useState(() =>
    view.kind === 'passkey-create'
      ? callBackground('passkeys/list', { origin: view.origin, accountId: view.params.accountId }).then(
          (passkeys) => passkeys.map((p) => p.credentialId),
          () => [],
        )
      : Promise.resolve([]),
  );
  return existing;
}

/**
 * grid_registerPasskey / grid_getPasskeyAssertion. The WebAuthn ceremony starts
 * only when the person presses Approve: the click is the user activation the
 * browser wants, and nothing is asked of an authenticator before consent.
 */
export function PasskeyScreen({ view, decide, busy }: ScreenProps<'passkey-create' | 'passkey-get'>) {
  const [phase, setPhase] = useState<Phase>({ state: 'idle' });
  const existing = useExistingPasskeys(view);
  const ceremony = useRef<AbortController | null>(null);
  useEffect(() => () => ceremony.current?.abort(), []);

  async function approve() {
    const controller = new AbortController();
    ceremony.current = controller;
    setPhase({ state: 'waiting' });
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(CEREMONY_TIMEOUT_MS + 5_000)]);
    try {
      if (view.kind === 'passkey-create') {
        const rpId = await ceremonyRpId(view);
        const publicKey = creationOptions(view, rpId, await existing, t('extensionName'));
        const credential = (await navigator.credentials.create({ publicKey, signal })) as PublicKeyCredential;
        await decide({ kind: 'passkey-create', credential: serializeRegistration(credential), rpId });
      } else {
        const publicKey = requestOptions(view, await ceremonyRpId(view));
        const credential = (await navigator.credentials.get({ publicKey, signal })) as PublicKeyCredential;
        await decide({ kind: 'passkey-get', credential: serializeAssertion(credential) });
      }
    } catch (error) {
      if (!controller.signal.aborted) setPhase({ state: 'failed', message: failureMessage(error) });
    }
  }

  const creating = view.kind === 'passkey-create';
  const fields: Field[] = creating
    ? [
        { label: t('passkeyName'), value: view.params.nickname },
        { label: t('passkeyUser'), value: view.params.user.name },
        { label: t('passkeyAccount'), value: view.params.accountId, id: true },
      ]
    : [
        { label: t('passkeyName'), value: view.known?.nickname ?? t('passkeyUnknownName') },
        ...(view.known ? [{ label: t('passkeyAccount'), value: view.known.accountId, id: true }] : []),
      ];

  return (
    <PromptLayout
      origin={view.origin}
      kind={view.kind}
      title={t(creating ? 'passkeyCreateTitle' : 'passkeyGetTitle')}
      actions={<DecisionBar busy={busy} approveDisabled={phase.state === 'waiting'} onReject={() => decide(null)} onApprove={approve} />}
    >
      <FieldList fields={fields} />
      {!creating && <Notice tone={view.known ? 'info' : 'warning'}>{t(view.known ? 'passkeyFromHere' : 'passkeyNotFromHere')}</Notice>}
      <p class="lead">{t(creating ? 'passkeyCreateExplain' : 'passkeyGetExplain')}</p>
      <div class="ceremony-status">
        <p role="status">{phase.state === 'waiting' && t('passkeyWaiting')}</p>
        <p role="alert" class="field-error">
          {phase.state === 'failed' && t(phase.message)}
        </p>
      </div>
    </PromptLayout>
  );
}
