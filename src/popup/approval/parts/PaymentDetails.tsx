import type { ParamsOf } from '@grid-wallet/protocol';
import { type Field, FieldList } from '../../components/FieldList.tsx';
import { Notice } from '../../components/Notice.tsx';
import { formatAmount, formatDateTime } from '../../format.ts';
import { t } from '../../i18n.ts';
import { describeOrigin } from '../../originInfo.ts';

type PaymentDisplay = NonNullable<ParamsOf<'grid_signPayload'>['display']>['payment'];

/**
 * What a transaction pays, as the site tells it (`grid_signPayload`'s `display`):
 * amounts, recipient, fee, expiry. The wallet cannot read any of it from the
 * transaction bytes, so it is set apart under "According to <site>" and never
 * shown as checked; without it, the window says the site did not say.
 */
export function PaymentDetails({ origin, payment }: { origin: string; payment: PaymentDisplay | undefined }) {
  if (!payment) return <Notice tone="warning">{t('paymentUndescribed')}</Notice>;
  const fields: Field[] = [{ label: t('fieldAmount'), value: formatAmount(payment.sending), emphasis: true }];
  if (payment.receiving) fields.push({ label: t('fieldReceives'), value: formatAmount(payment.receiving) });
  if (payment.fee) fields.push({ label: t('fieldFee'), value: formatAmount(payment.fee) });
  if (payment.destination !== undefined) fields.push({ label: t('fieldReceiver'), value: payment.destination });
  if (payment.expiresAt !== undefined) fields.push({ label: t('fieldQuoteExpires'), value: formatDateTime(payment.expiresAt) });
  if (payment.quoteId !== undefined) fields.push({ label: t('fieldQuote'), value: payment.quoteId, id: true });
  const title = t('paymentClaimTitle', describeOrigin(origin).address);
  return (
    <section class="site-says site-claim" aria-labelledby="payment-claim-title">
      <h2 id="payment-claim-title" class="section-title">
        {title}
      </h2>
      <FieldList fields={fields} label={title} />
      <p class="site-claim__note">{t('paymentClaimNote')}</p>
    </section>
  );
}
