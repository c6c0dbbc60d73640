import { t } from '../../i18n.ts';

/** The exact string that will be signed, one click away; the stamp covers these bytes and nothing else. */
export function RawPayload({ text }: { text: string }) {
  return (
    <details class="raw">
      <summary>{t('rawShow')}</summary>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
      <pre class="raw__text" tabIndex={0}>
        {text}
      </pre>
    </details>
  );
}
