import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { ArmedContext, useArmed } from '../hooks/useArmed.ts';
import type { ApprovalKind } from '../../protocol/internal.ts';
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
}

/**
 * The frame every prompt shares: who asks, what they ask, the details, and the decision.
 * Focus starts on the heading, never on a button, so a screen reader announces
 * the prompt and no key meant for the page can answer it (docs/security-model.md §3.12).
 */
export function PromptLayout({ origin, kind, title, children, actions }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const armed = useArmed(); // one prompt per mount: the screen is keyed by the prompt's id
  return (
    <ArmedContext.Provider value={armed}>
      <main class="prompt" aria-labelledby="prompt-title">
        <div class="prompt__content">
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
        <div class="prompt__actions">{actions}</div>
      </main>
    </ArmedContext.Provider>
  );
}
