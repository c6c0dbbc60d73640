import type { ParamsOf } from '@grid-wallet/protocol';
import { t } from '../../i18n.ts';

/**
 * The account context in the page's `display` (the email being replaced, the card
 * a key is for; a payment has its own part, PaymentDetails): shown beside what the
 * wallet read from the payload, under a caption saying the wallet has not checked it.
 */
export function SiteContext({ display: context }: { display: NonNullable<ParamsOf<'grid_signPayload'>['display']> }) {
  const rows = [
    context.currentEmail !== undefined && [t('contextCurrentEmail'), context.currentEmail],
    context.currentPhoneNumber !== undefined && [t('contextCurrentPhone'), context.currentPhoneNumber],
    context.card !== undefined && [t('contextCard'), context.card],
    context.walletPrivacy !== undefined && [t('contextPrivacy'), t(context.walletPrivacy ? 'contextPrivacyOn' : 'contextPrivacyOff')],
  ].filter((row): row is [string, string] => row !== false);
  if (rows.length === 0) return null;
  return (
    <figure class="site-says">
      <figcaption>{t('contextCaption')}</figcaption>
      <dl class="site-says__list">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </figure>
  );
}
