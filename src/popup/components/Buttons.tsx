import type { ButtonHTMLAttributes } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { useArmed } from '../hooks/useArmed.ts';
import { t } from '../i18n.ts';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost';
  small?: boolean;
};

export function Button({ variant = 'secondary', small, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} class={`button button--${variant}${small ? ' button--small' : ''}`} {...rest} />;
}

interface DecisionProps {
  /** The prompt these buttons answer: a new one re-arms them (see useArmed). */
  promptId: string;
  busy: boolean;
  onReject(): void;
  /** Omit when the primary button submits `form` instead. */
  onApprove?(): void;
  form?: string;
  /** `Approve` unless the prompt has a more precise verb (`Verify`). */
  approveLabel?: string;
  /**
   * Where focus goes once the buttons are armed: Approve, or Reject when the
   * action is risky (Enter should not export a wallet), or nowhere when a field has it.
   */
  initialFocus?: 'approve' | 'reject' | 'none';
  /** Approve is unavailable (a passkey prompt is already running); Reject still works. */
  approveDisabled?: boolean;
}

/** Reject and Approve, at the foot of every prompt, in the same place every time. */
export function DecisionBar(props: DecisionProps) {
  const {
    promptId,
    busy,
    onReject,
    onApprove,
    form,
    approveLabel = t('approve'),
    initialFocus = 'approve',
    approveDisabled = false,
  } = props;
  const armed = useArmed(promptId);
  const approve = useRef<HTMLButtonElement>(null);
  const reject = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (armed && initialFocus !== 'none') (initialFocus === 'approve' ? approve : reject).current?.focus();
  }, [armed]);
  return (
    <div class="decision">
      <Button ref={reject} onClick={onReject} disabled={busy}>
        {t('reject')}
      </Button>
      <Button
        ref={approve}
        variant="primary"
        type={form ? 'submit' : 'button'}
        form={form}
        onClick={onApprove}
        disabled={!armed || busy || approveDisabled}
      >
        {approveLabel}
      </Button>
    </div>
  );
}
