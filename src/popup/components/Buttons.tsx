import type { ButtonHTMLAttributes } from 'preact';
import { ARMED_ONLY, useArmed } from '../hooks/useArmed.ts';
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
  /** Approve is unavailable (a passkey prompt is already running); Reject still works. */
  approveDisabled?: boolean;
}

/**
 * Reject and Approve, at the foot of every prompt, in the same place every time.
 * Neither takes focus by itself (the prompt's heading has it, see PromptLayout):
 * Enter approves only once the customer has moved to Approve themselves.
 */
export function DecisionBar(props: DecisionProps) {
  const { promptId, busy, onReject, onApprove, form, approveLabel = t('approve'), approveDisabled = false } = props;
  const armed = useArmed(promptId);
  return (
    <div class="decision">
      <Button onClick={onReject} disabled={busy}>
        {t('reject')}
      </Button>
      <Button
        {...ARMED_ONLY}
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
