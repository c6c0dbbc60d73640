import { press, promptPage } from '../support/approvals.ts';
import { TITLES } from '../support/demoCustomer.ts';
import { walletCall } from '../support/extension.ts';
import { expect, test } from '../support/journey.ts';
import { expectError, resultOf } from '../support/wallet.ts';
import { exportWalletTo } from '../approvals/payloads.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { gridFromPage, pageMadeKey } from './fromPage.ts';
import { refreshTo } from './payloads.ts';

/**
 * One-time codes and the one free signature (docs/security-model.md §3.7), against the emulator: after the user typed an OTP for a
 * client key, that key may sign once without a prompt, and only the OTP's
 * verification token (the JWT of the verify call's second leg). An export or a
 * refresh stamped with it prompts or is refused, and a second OTP prompt for the
 * same key gives no second free signature.
 */

test('after an OTP prompt the client key signs only the verification token unprompted, once; a second OTP does not refill', async ({
  extension,
  customer,
}) => {
  await customer.connect();
  await customer.createCustomer();
  const { page } = customer;
  const [credential] = await customer.site.credentialsAtGrid(customer.accountId);
  const verifyPath = `/auth/credentials/${encodeURIComponent(credential!.id)}/verify`;
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const sign = (payloadToSign: string) => walletCall(page, 'grid_signPayload', { clientKeyId: clientKey.clientKeyId, payloadToSign });

  /** The page's OTP round: a fresh challenge, the user types the code, leg 1 answers with a verification token. */
  const otpRound = async () => {
    const challenge = await gridFromPage(page, 'POST', `/auth/credentials/${encodeURIComponent(credential!.id)}/challenge`, {});
    expect(challenge.status).toBe(200);
    const collected = walletCall(page, 'grid_collectOtp', {
      credentialId: credential!.id,
      otpEncryptionTargetBundle: challenge.body.otpEncryptionTargetBundle,
      clientKeyId: clientKey.clientKeyId,
    });
    await customer.enterCode(await customer.prompt(TITLES.otp));
    const body = { type: 'EMAIL_OTP', encryptedOtpBundle: resultOf(await collected).encryptedOtpBundle };
    const leg1 = await gridFromPage(page, 'POST', verifyPath, body);
    expect(leg1.status).toBe(202);
    return { body, token: leg1.body.payloadToSign as string, requestId: leg1.body.requestId as string };
  };

  const first = await otpRound();
  // Right after the OTP: an export (to an export key of the extension's) stamped with the client key prompts (no stamp until the user answers).
  const exportKey = resultOf(await walletCall(page, 'grid_createExportKey'));
  const exported = sign(exportWalletTo(exportKey.publicKey));
  expect(await answerOrPrompt(extension, exported)).toBe('pending');
  await press(await promptPage(extension, 'Export your wallet'), 'Reject');
  expectError(await exported, 4001);
  // A refresh to a key the page made is refused outright.
  expectError(await sign(refreshTo(await pageMadeKey(page))), 4100);

  // The verification token is still signed without a prompt, and Grid accepts the stamp (leg 2 → 200).
  const token = await answerOrPrompt(extension, sign(first.token));
  expect(token).toHaveProperty('result.signature');
  const signature = (token as { result: { signature: string } }).result.signature;
  const leg2 = await gridFromPage(page, 'POST', verifyPath, first.body, {
    'Grid-Wallet-Signature': signature,
    'Request-Id': first.requestId,
  });
  expect(leg2.status).toBe(200);

  // A second OTP prompt for the same key does not refill: its token asks.
  const second = await otpRound();
  const again = sign(second.token);
  expect(await answerOrPrompt(extension, again)).toBe('pending');
  await press(await promptPage(extension, 'Confirm sign-in'), 'Reject');
  expectError(await again, 4001);
});
