import type { SignerView } from '../../../extension-protocol/internal.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { shortId } from '../../format.ts';
import { t } from '../../i18n.ts';
import { sessionLabel } from '../../labels.ts';
import { describeOrigin } from '../../originInfo.ts';

/**
 * Which key would sign: the session (credential, account, time left) or the new
 * sign-in key of the OTP flow. A session's credential, nickname and account are
 * what the site said when it opened the session, so the card says so: a hostile
 * page could name its session "Hardware key".
 */
export function SignerCard({ signer, origin }: { signer: SignerView; origin: string }) {
  const label = signer.kind === 'session' ? sessionLabel(signer) : '';
  const name = signer.kind === 'session' ? label || t('signerCredentialUnknown') : t('signerNewKey');
  return (
    <section class="card signer" aria-labelledby="signer-title">
      <h2 id="signer-title" class="section-title">
        {t('signerTitle')}
      </h2>
      <div class="signer__row">
        <span class="signer__name">{name}</span>
        <Countdown until={signer.expiresAt} running={(time) => t('timeLeft', time)} expired={t('signerExpired')} />
      </div>
      {signer.accountId && (
        <p class="signer__account mono" title={signer.accountId}>
          {shortId(signer.accountId)}
        </p>
      )}
      {(label || signer.accountId) && <p class="signer__source">{t('signerNamedBySite', describeOrigin(origin).address)}</p>}
    </section>
  );
}
