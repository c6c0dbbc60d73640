import { useMemo, useState } from 'preact/hooks';
import { DecisionBar } from '../../components/Buttons.tsx';
import { FieldList } from '../../components/FieldList.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PromptLayout } from '../../components/PromptLayout.tsx';
import { describePayload } from '../../describePayload.ts';
import { t } from '../../i18n.ts';
import { type GrantMinutes, GrantChoice } from '../parts/GrantChoice.tsx';
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
  const { payloadToSign, summary, context } = view.params;
  const description = useMemo(() => describePayload(payloadToSign), [payloadToSign]);
  const [grantMinutes, setGrantMinutes] = useState<GrantMinutes>(0);
  // Grants cover session signatures only, and are not offered next to a warning.
  const canGrant = view.signer.kind === 'session' && !description.warning;
  const approve = () => decide({ kind: 'sign', ...(canGrant && grantMinutes > 0 && { grantMinutes: grantMinutes as 15 | 60 }) });

  return (
    <PromptLayout
      origin={view.origin}
      kind={view.kind}
      title={description.title}
      actions={
        <DecisionBar
          promptId={view.id}
          busy={busy}
          onReject={() => decide(null)}
          onApprove={approve}
          initialFocus={description.warning ? 'reject' : 'approve'}
        />
      }
    >
      {description.warning && (
        <Notice tone="danger" title={t('warningTitle')}>
          {description.warning}
        </Notice>
      )}
      {description.fields.length > 0 && <FieldList fields={description.fields} label={t('signDetails')} />}
      {description.opaque !== undefined && (
        <>
          <Notice tone="warning">{t('payloadOpaque')}</Notice>
          <pre class="raw__text" tabIndex={0}>
            {description.opaque}
          </pre>
        </>
      )}
      {summary && <SiteSummary text={summary} />}
      {context && <SiteContext context={context} />}
      {description.opaque === undefined && <RawPayload text={payloadToSign} />}
      <SignerCard signer={view.signer} />
      {canGrant && <GrantChoice value={grantMinutes} onChange={setGrantMinutes} />}
    </PromptLayout>
  );
}
