import type { ButtonHTMLAttributes } from 'preact';
import { useContext } from 'preact/hooks';
import { ARMED_ONLY, ArmedContext } from '../hooks/useArmed.ts';
import { t } from '../i18n.ts';

type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: 'primary' | 'secondary' | 'ghost';
  small?: boolean;
};

export function Button({ variant = 'secondary', small, type = 'button', ...rest }: ButtonProps) {
  return <button type={type} class={`button button--${variant}${small ? ' button--small' : ''}`} {...rest} />;
}

/**
 * A button that answers the page (Approve, Verify, Resend code, Reveal, Done): unavailable
 * until the window is armed, and clicked only by a press begun while it was (useArmed).
 */
export function AnswerButton({ disabled, ...rest }: ButtonProps) {
  const armed = useContext(ArmedContext);
  return <Button {...ARMED_ONLY} {...rest} disabled={!armed || disabled} />;
}

interface DecisionProps {
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
  const { busy, onReject, onApprove, form, approveLabel = t('approve'), approveDisabled = false } = props;
  return (
    <div class="decision">
      <Button onClick={onReject} disabled={busy} data-decision="reject">
        {t('reject')}
      </Button>
      <AnswerButton variant="primary" type={form ? 'submit' : 'button'} form={form} onClick={onApprove} disabled={busy || approveDisabled}>
        {approveLabel}
      </AnswerButton>
    </div>
  );
}
