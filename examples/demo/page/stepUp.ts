import type { GridWallet } from '@grid-wallet/sdk';
import { api } from './api.ts';
import { maskPhone } from './format.ts';

/**
 * An Authsignal SMS step-up: the backend starts a challenge, the extension
 * collects the code (no bundle: Authsignal checks the plain code, so the page
 * relays it), the backend verifies it. "Resend code" starts a new challenge.
 */
export async function stepUpWithSms(
  wallet: GridWallet,
  phoneNumber: string,
  action: string,
): Promise<{ isVerified: boolean; failureReason?: string }> {
  for (;;) {
    const challenge = await api.startSmsChallenge(phoneNumber, action);
    const answer = await wallet.collectOtp({
      credentialId: challenge.challengeId,
      channel: 'SMS',
      destination: maskPhone(phoneNumber),
      expiresAt: challenge.expiresAt, // Authsignal's are Unix seconds; the extension takes either form
    });
    if ('resend' in answer) continue;
    if (!('otp' in answer)) throw new Error('The extension did not return a code');
    return api.verifyChallenge(challenge.challengeId, answer.otp);
  }
}
