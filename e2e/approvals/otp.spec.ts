import { bytesToHex, generateP256Key, makeTargetBundle, openOtpBundle } from '@grid-wallet/core';
import { localEmulatorEnclaveKey } from '../../packages/emulator/src/enclave.ts';
import { verifyGridStamp } from '../../test-support/independent.ts';
import { walletCall } from '../support/extension.ts';
import { connect, expectError, inMinutes, resultOf } from '../support/wallet.ts';
import { ask, expect, press, pressKey, promptPage, test } from '../support/approvals.ts';
import { verificationToken } from './payloads.ts';

/** OTP entry (grid_collectOtp): the code is typed in the window; with an enclave bundle only the enclave can read it. */

const TITLE = 'Enter your sign-in code';
const CREDENTIAL = 'AuthMethod:019542f5-b3e7-1d02-0000-000000000001';

// Target bundles here are signed with the local Grid emulator's key, which a development build trusts by default.
test('with a target bundle: the enclave key opens exactly the typed code and the client key, which then signs the token once', async ({
  extension,
  page,
}) => {
  const enclave = await generateP256Key();
  const otpEncryptionTargetBundle = await makeTargetBundle(enclave.publicKey, await localEmulatorEnclaveKey());
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));

  const reply = ask(page, 'grid_collectOtp', {
    credentialId: CREDENTIAL,
    channel: 'EMAIL',
    destination: 'jane@example.com',
    length: 6,
    expiresAt: inMinutes(5),
    otpEncryptionTargetBundle,
    clientKeyId: clientKey.clientKeyId,
  });
  const prompt = await promptPage(extension, TITLE);
  await expect(prompt.getByText('We sent it by email to j•••@example.com.')).toBeVisible();
  await expect(prompt.getByRole('timer')).toHaveText(/expires in [45]:\d\d/);
  await expect(prompt.getByText('This site never sees it')).toBeVisible();
  const field = prompt.getByLabel('One-time code');
  await expect(field).toBeFocused();
  await expect(field).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(field).toHaveAttribute('inputmode', 'numeric');
  await expect(field).toHaveAttribute('maxlength', '6');
  await field.pressSequentially('483920');
  await press(prompt, 'Verify');

  const result = resultOf(await reply);
  expect(Object.keys(result)).toEqual(['encryptedOtpBundle']);
  expect(result.encryptedOtpBundle).not.toContain('483920');
  const opened = await openOtpBundle(result.encryptedOtpBundle, enclave.agreementKey, enclave.publicKey);
  expect(opened.otpCode).toBe('483920');
  // Compressed, as Grid production requires (see packages/core/src/otpBundle.ts): the same point as the client key.
  expect(bytesToHex(opened.publicKey)).toBe(clientKey.compressedPublicKey);

  // The OTP flow's second leg: the client key signs the verification token once without asking.
  const token = verificationToken();
  const signed = resultOf(await walletCall(page, 'grid_signPayload', { clientKeyId: clientKey.clientKeyId, payloadToSign: token }));
  expect((await verifyGridStamp(signed.signature, token)).publicKey).toBe(clientKey.compressedPublicKey);
  const again = ask(page, 'grid_signPayload', { clientKeyId: clientKey.clientKeyId, payloadToSign: `${verificationToken()}x` });
  const confirm = await promptPage(extension, 'Confirm sign-in');
  await expect(confirm.getByRole('region', { name: 'Signs with' })).toContainText('New sign-in key');
  await press(confirm, 'Reject');
  expectError(await again, 4001);
});

test('a bundle whose enclave signature does not verify is refused (-32602 naming the bundle) before any prompt', async ({
  extension,
  page,
}) => {
  const enclave = await generateP256Key();
  const signedBundle = JSON.parse(await makeTargetBundle(enclave.publicKey, await localEmulatorEnclaveKey()));
  const impostor = bytesToHex((await generateP256Key()).publicKey);
  await connect(extension, page);
  const clientKey = resultOf(await walletCall(page, 'grid_createClientKey'));
  const reply = await walletCall(page, 'grid_collectOtp', {
    credentialId: CREDENTIAL,
    otpEncryptionTargetBundle: JSON.stringify({ ...signedBundle, enclaveQuorumPublic: impostor }),
    clientKeyId: clientKey.clientKeyId,
  });
  expect(expectError(reply, -32602).data).toEqual({ field: 'params.otpEncryptionTargetBundle' });
});

test('without a bundle the page gets the code; a pasted code loses its spaces and dashes; the destination is masked', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  const reply = ask(page, 'grid_collectOtp', { credentialId: CREDENTIAL, channel: 'SMS', destination: '+64 21 555 0000', length: 6 });
  const prompt = await promptPage(extension, TITLE);
  await expect(prompt.getByText('We sent it by text message to +64•••••000.')).toBeVisible();
  await expect(prompt.getByText('This site receives the code you type', { exact: false })).toBeVisible();
  const field = prompt.getByLabel('One-time code');
  // A paste longer than maxlength until its separators go: the whole code must land.
  await field.evaluate((input) => {
    const data = new DataTransfer();
    data.setData('text/plain', ' 123-456 ');
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(field).toHaveValue('123456');
  await press(prompt, 'Verify');
  expect(resultOf(await reply)).toEqual({ otp: '123456' });
});

test('a code of the wrong format is refused in the window and can be corrected; alphanumeric codes keep their letters', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  const numeric = ask(page, 'grid_collectOtp', { credentialId: CREDENTIAL, channel: 'EMAIL', length: 6 });
  const prompt = await promptPage(extension, TITLE);
  const field = prompt.getByLabel('One-time code');
  await field.fill('12ab56');
  await press(prompt, 'Verify');
  await expect(prompt.getByRole('alert')).toHaveText("That doesn't look right: the code has 6 digits.");
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('12 34');
  await field.press('Enter');
  await expect(prompt.getByRole('alert')).toHaveText("That doesn't look right: the code has 6 digits.");
  await field.fill('123456');
  await expect(prompt.getByRole('alert')).toHaveText('');
  await pressKey(prompt, 'Enter');
  expect(resultOf(await numeric)).toEqual({ otp: '123456' });

  const letters = ask(page, 'grid_collectOtp', { credentialId: CREDENTIAL, channel: 'WHATSAPP', length: 8, alphanumeric: true });
  const second = await promptPage(extension, TITLE);
  const lettersField = second.getByLabel('One-time code');
  await expect(lettersField).toHaveAttribute('inputmode', 'text');
  await expect(second.getByText('We sent it by WhatsApp.')).toBeVisible();
  await lettersField.pressSequentially('AB12-CD34'); // typed: each dash goes as soon as it is typed
  await press(second, 'Verify');
  expect(resultOf(await letters)).toEqual({ otp: 'AB12CD34' });
});

test('Resend code answers { resend: true }', async ({ extension, page }) => {
  await connect(extension, page);
  const reply = ask(page, 'grid_collectOtp', { credentialId: CREDENTIAL });
  const prompt = await promptPage(extension, TITLE);
  await expect(prompt.getByText('Enter the code you just received.')).toBeVisible();
  await press(prompt, 'Resend code');
  expect(resultOf(await reply)).toEqual({ resend: true });
});
