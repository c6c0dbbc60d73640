import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ArmedContext, useArmed } from '../hooks/useArmed.ts';
import type { ApprovalKind } from '../../extension-protocol/internal.ts';
import { t } from '../i18n.ts';
import { approvalKindLabel } from '../labels.ts';
import { OriginBadge } from './OriginBadge.tsx';

interface Props {
  origin: string;
  /** Named above the title ("Signature request"). */
  kind: ApprovalKind;
  title: string;
  children: ComponentChildren;
  /** The decision buttons, kept at the bottom while the content scrolls. */
  actions: ComponentChildren;
  /**
   * A red-warned prompt starts with focus on Reject rather than the heading, so a
   * customer's Enter refuses it (docs/security-model.md §3.6); Reject answers nothing
   * the page could want, so it needs no arming.
   */
  focusReject?: boolean;
}

/**
 * The frame every prompt shares: who asks, what they ask, the details, and the decision.
 * Focus starts on the heading (or on Reject, for a warned prompt), never on an
 * answering button, so a screen reader announces the prompt and no key meant for
 * the page can answer it (docs/security-model.md §3.12).
 */
export function PromptLayout({ origin, kind, title, children, actions, focusReject = false }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  const actionBar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const reject = focusReject ? actionBar.current?.querySelector<HTMLButtonElement>('[data-decision="reject"]') : null;
    (reject ?? heading.current)?.focus();
  }, []);
  const armed = useArmed(); // one prompt per mount: the screen is keyed by the prompt's id
  return (
    <ArmedContext.Provider value={armed}>
      <main class="prompt" aria-labelledby="prompt-title">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus, or a keyboard cannot scroll a long prompt (or a long language) that overflows the window */}
        <div class="prompt__content" tabIndex={0}>
          <section class="prompt__who" aria-label={t('requestFrom')}>
            <p class="label">{t('requestFrom')}</p>
            <OriginBadge origin={origin} />
          </section>
          <div>
            <p class="eyebrow">{approvalKindLabel(kind)}</p>
            <h1 ref={heading} id="prompt-title" class="prompt__title" tabIndex={-1}>
              {title}
            </h1>
          </div>
          {children}
        </div>
        <div ref={actionBar} class="prompt__actions">
          {actions}
        </div>
      </main>
    </ArmedContext.Provider>
  );
}
