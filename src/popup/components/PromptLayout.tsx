import type { ComponentChildren } from 'preact';
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

/** The frame every prompt shares: who asks, what they ask, the details, and the decision. */
export function PromptLayout({ origin, kind, title, children, actions }: Props) {
  return (
    <main class="prompt" aria-labelledby="prompt-title">
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must take the focus, or a keyboard cannot scroll a long prompt (or a long language) that overflows the window */}
      <div class="prompt__content" tabIndex={0}>
        <section class="prompt__who" aria-label={t('requestFrom')}>
          <p class="label">{t('requestFrom')}</p>
          <OriginBadge origin={origin} />
        </section>
        <div>
          <p class="eyebrow">{approvalKindLabel(kind)}</p>
          <h1 id="prompt-title" class="prompt__title">
            {title}
          </h1>
        </div>
        {children}
      </div>
      <div class="prompt__actions">{actions}</div>
    </main>
  );
}
