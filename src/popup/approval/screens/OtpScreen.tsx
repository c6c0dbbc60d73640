import type { TargetedClipboardEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { normaliseOtp, OTP_MAX_LENGTH, otpPattern } from '../../../extension-protocol/otpCode.ts';
import { AnswerButton, DecisionBar } from '../../components/Buttons.tsx';
import { Countdown } from '../../components/Countdown.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PromptLayout } from '../../components/PromptLayout.tsx';
import { type MessageKey, t } from '../../i18n.ts';
import { channelLabel } from '../../labels.ts';
import { maskDestination } from '../../maskDestination.ts';
import type { ScreenProps } from './ScreenProps.ts';

const FORM_ID = 'otp-form';

/** Who will read the code: Turnkey's enclave, the local Grid emulator (a trusted test key), or the site itself. */
const PRIVACY_NOTE = { turnkey: 'otpEncrypted', localGridEmulator: 'otpEncryptedEmulator', site: 'otpPlain' } as const satisfies Record<
  string,
  MessageKey
>;

function privacyNote(view: ScreenProps<'otp'>['view']): MessageKey {
  if (view.sealedFor) return PRIVACY_NOTE[view.sealedFor];
  return view.unsignedSandboxBundle ? 'otpPlainSandbox' : PRIVACY_NOTE.site;
}

/** "6 digits", "6 letters or digits", "4 to 12 digits". */
function formatHint(params: { length?: number; alphanumeric?: boolean }): string {
  const { length, alphanumeric } = params;
  if (length === undefined) return t(alphanumeric ? 'otpHintRangeAlphanumeric' : 'otpHintRangeDigits');
  return t(alphanumeric ? 'otpHintAlphanumeric' : 'otpHintDigits', length);
}

function sentTo(params: ScreenProps<'otp'>['view']['params']): string {
  if (!params.channel) return t('otpSentUnknown');
  const channel = channelLabel(params.channel);
  return params.destination ? t('otpSentTo', channel, maskDestination(params.destination)) : t('otpSentBy', channel);
}

/**
 * grid_collectOtp: the code is typed here, never in the page. With an enclave
 * bundle (signed by a pinned enclave key) the background seals it to that
 * enclave; without one, or with an unsigned sandbox bundle the developer setting
 * lets through, the page gets it, and the note says so plainly.
 */
export function OtpScreen({ view, decide, busy }: ScreenProps<'otp'>) {
  const { params } = view;
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const accept = (text: string) => {
    const clean = normaliseOtp(text, params);
    if (input.current) input.current.value = clean; // also when the state would not change (a stripped space)
    setCode(clean);
    setInvalid(false);
  };
  // The whole pasted code, even when it is longer than maxlength before its spaces and dashes go.
  const onPaste = (event: TargetedClipboardEvent<HTMLInputElement>) => {
    const text = event.clipboardData?.getData('text');
    if (text === undefined) return;
    event.preventDefault();
    accept(text);
  };
  const submit = (event: Event) => {
    event.preventDefault();
    if (!otpPattern(params).test(code)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    void decide({ kind: 'otp', code });
  };

  return (
    <PromptLayout
      origin={view.origin}
      kind={view.kind}
      title={t('otpTitle')}
      actions={<DecisionBar busy={busy} onReject={() => decide(null)} form={FORM_ID} approveLabel={t('verify')} />}
    >
      <p class="lead">{sentTo(params)}</p>
      <form id={FORM_ID} class="otp" onSubmit={submit} noValidate>
        <label for="otp-code" class="otp__label">
          {t('otpLabel')}
        </label>
        <input
          ref={input}
          id="otp-code"
          class="otp__input"
          value={code}
          onInput={(event) => accept(event.currentTarget.value)}
          onPaste={onPaste}
          autocomplete="one-time-code"
          inputMode={params.alphanumeric ? 'text' : 'numeric'}
          maxLength={params.length ?? OTP_MAX_LENGTH}
          autocapitalize="off"
          spellcheck={false}
          aria-invalid={invalid}
          aria-describedby="otp-hint otp-error"
          disabled={busy}
        />
        <div class="otp__meta">
          <span id="otp-hint">
            {formatHint(params)}
            {params.expiresAt !== undefined && (
              <>
                {' · '}
                <Countdown until={params.expiresAt} style="clock" running={(time) => t('otpExpiresIn', time)} expired={t('otpExpired')} />
              </>
            )}
          </span>
          <AnswerButton variant="ghost" small onClick={() => decide({ kind: 'otp', resend: true })} disabled={busy}>
            {t('otpResend')}
          </AnswerButton>
        </div>
        <p id="otp-error" class="field-error" role="alert">
          {invalid ? t('otpInvalid', formatHint(params)) : ''}
        </p>
      </form>
      <p class="privacy-note">
        <Icon name={view.sealedFor ? 'lock' : 'info'} size={16} />
        {t(privacyNote(view))}
      </p>
    </PromptLayout>
  );
}
