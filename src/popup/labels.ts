import type { CredentialType, OtpChannel } from '@grid-wallet/protocol';
import type { ApprovalKind } from '../extension-protocol/internal.ts';
import { type MessageKey, t } from './i18n.ts';

/** Words for the protocol's enums, shared by the prompts and the toolbar popup. */

const CREDENTIAL: Record<CredentialType, MessageKey> = {
  EMAIL_OTP: 'credentialEmailOtp',
  SMS_OTP: 'credentialSmsOtp',
  OAUTH: 'credentialOauth',
  PASSKEY: 'credentialPasskey',
};

const CHANNEL: Record<OtpChannel, MessageKey> = {
  EMAIL: 'channelEmail',
  SMS: 'channelSms',
  WHATSAPP: 'channelWhatsapp',
};

/** A credential type in words; one this version does not know is shown as it is. */
export const credentialLabel = (type: string) => (Object.hasOwn(CREDENTIAL, type) ? t(CREDENTIAL[type as CredentialType]) : type);
export const channelLabel = (channel: OtpChannel) => t(CHANNEL[channel]);

/** "Email code · ada@example.com": how a session is named wherever it is listed. */
export function sessionLabel(session: { type?: string; nickname?: string }): string {
  return [session.type && credentialLabel(session.type), session.nickname].filter(Boolean).join(' · ');
}

const APPROVAL_KIND: Record<ApprovalKind, MessageKey> = {
  connect: 'connectEyebrow',
  sign: 'signEyebrow',
  otp: 'otpEyebrow',
  'passkey-create': 'passkeyEyebrow',
  'passkey-get': 'passkeyEyebrow',
  'wallet-export': 'exportEyebrow',
};

/** "Signature request", "Sign-in code", …: what kind of prompt, above its title and in the toolbar's list. */
export const approvalKindLabel = (kind: ApprovalKind) => t(APPROVAL_KIND[kind]);
