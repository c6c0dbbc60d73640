import { useMemo, useState } from 'preact/hooks';
import { DecisionBar } from '../../components/Buttons.tsx';
import { FieldList } from '../../components/FieldList.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PromptLayout } from '../../components/PromptLayout.tsx';
import { offersGrant } from '@grid-wallet/core/signingDecision';
import { cautionWarning, describePayload } from '../../describePayload.ts';
import { t } from '../../i18n.ts';
import { GrantChoice, type GrantChoiceValue } from '../parts/GrantChoice.tsx';
import { PaymentDetails } from '../parts/PaymentDetails.tsx';
import { RawPayload } from '../parts/RawPayload.tsx';
import { SignerCard } from '../parts/SignerCard.tsx';
import { SiteContext } from '../parts/SiteContext.tsx';
import { SiteSummary } from '../parts/SiteSummary.tsx';
import type { ScreenProps } from './ScreenProps.ts';

/**
 * grid_signPayload: what would be signed, in words, with the site's own summary
 * kept apart, the raw payload a click away, and the key that would sign it.
 */
export function SignScreen({ view, decide, busy }: ScreenProps<'sign'>) {
  const { payloadToSign, summary, display } = view.params;
  const description = useMemo(() => describePayload(payloadToSign), [payloadToSign]);
  const warning = cautionWarning(view.decision.caution);
  const [grantMinutes, setGrantMinutes] = useState<GrantChoiceValue>(0);
  // The signing policy says whether a grant may cover this kind of request; the background checks it again.
  const grantScope = offersGrant(view.decision);
  const approve = () => decide({ kind: 'sign', ...(grantScope && grantMinutes !== 0 && { grantMinutes }) });

  return (
    <PromptLayout
      origin={view.origin}
      kind={view.kind}
      title={description.title}
      actions={<DecisionBar busy={busy} onReject={() => decide(null)} onApprove={approve} />}
      focusReject={view.decision.caution !== undefined}
    >
      {warning && (
        <Notice tone="danger" title={t('warningTitle')}>
          {warning}
        </Notice>
      )}
      {description.fields.length > 0 && <FieldList fields={description.fields} label={t('signDetails')} />}
      {description.hidden && <Notice tone="warning">{t('fieldsHidden', description.hidden)}</Notice>}
      {description.transaction && <PaymentDetails origin={view.origin} payment={display?.payment} />}
      {description.opaque !== undefined && (
        <>
          <Notice tone="warning">{t('payloadOpaque')}</Notice>
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus to scroll by keyboard */}
          <pre class="raw__text" tabIndex={0}>
            {description.opaque}
          </pre>
        </>
      )}
      {summary && <SiteSummary text={summary} />}
      {display && <SiteContext display={display} />}
      {description.opaque === undefined && <RawPayload text={payloadToSign} />}
      <SignerCard signer={view.signer} origin={view.origin} />
      {grantScope && <GrantChoice scope={grantScope} value={grantMinutes} onChange={setGrantMinutes} />}
    </PromptLayout>
  );
}
