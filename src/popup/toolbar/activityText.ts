import { OTP_CHANNELS, type OtpChannel } from '@grid-wallet/protocol/types';
import type { ActivityView } from '../../extension-protocol/internal.ts';
import { activityTitle } from '../describePayload.ts';
import { humanise } from '../format.ts';
import { type MessageKey, t } from '../i18n.ts';
import { channelLabel } from '../labels.ts';

/**
 * One line of the activity log in words. For a signature the background logs
 * the payload's kind (`ACTIVITY_TYPE_…`, `jwt` or `unreadable`), never the payload.
 */
export function activityEntryTitle(entry: ActivityView): string {
  const { kind, title: detail } = entry;
  switch (kind) {
    case 'signed':
      return detail === 'jwt' ? t('payloadSignIn') : detail === 'unreadable' ? t('payloadText') : activityTitle(detail);
    case 'connected':
      return t('logConnected');
    case 'disconnected':
      return t('logDisconnected');
    case 'session-opened':
      return t('logSessionOpened', detail);
    case 'session-ended':
      return t('logSessionEnded');
    case 'otp-entered':
      return t('logOtpEntered', OTP_CHANNELS.includes(detail as OtpChannel) ? channelLabel(detail as OtpChannel) : detail);
    case 'passkey-created':
      return t('logPasskeyCreated', detail);
    case 'passkey-used':
      return t('logPasskeyUsed', detail);
    case 'wallet-exported':
      return t('logWalletExported');
    default:
      return humanise(kind);
  }
}

const CONSENT: Record<string, MessageKey> = { prompt: 'consentPrompt', grant: 'consentGrant', otp: 'consentOtp' };

/** How the person agreed to a signature: asked, under a grant, or right after typing their code. */
export function consentText(consent: string | undefined): string | undefined {
  const key = consent === undefined ? undefined : CONSENT[consent];
  return key && t(key);
}
