import { t } from '../../i18n.ts';

/** The page's own description of the request: shown, but marked as the site's words, not the wallet's. */
export function SiteSummary({ text }: { text: string }) {
  return (
    <figure class="site-says">
      <figcaption>{t('summaryCaption')}</figcaption>
      <blockquote>{text}</blockquote>
    </figure>
  );
}
