import type { SignerView } from '../../../protocol/internal.ts';
import { Countdown } from '../../components/Countdown.tsx';
import { shortId } from '../../format.ts';
import { t } from '../../i18n.ts';
import { sessionLabel } from '../../labels.ts';

/** Which key would sign: the session (credential, account, time left) or the new sign-in key of the OTP flow. */
export function SignerCard({ signer }: { signer: SignerView }) {
  const name = signer.kind === 'session' ? sessionLabel(signer) || t('signerCredentialUnknown') : t('signerNewKey');
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
    </section>
  );
}
