import type { Page } from '@playwright/test';
import { PRODUCTION_TLS_FETCHER_SIGN_PUBLIC_KEY } from '@turnkey/crypto';
import { LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER } from '@grid-wallet/core';
import { startEmulator, type TestServer } from '../../packages/emulator/src/testkit/http.ts';
import { type Extension, walletCall, type WalletReply } from '../support/extension.ts';
import { connect, expectError, inMinutes, resultOf } from '../support/wallet.ts';
import { APPROVAL_PAGE, expect, expectWindowClosed, openToolbar, press, promptPage, test } from '../support/approvals.ts';
import { answerOrPrompt } from '../support/answerOrPrompt.ts';
import { withOwnBrowser } from './lesserSupport.ts';

/**
 * Pinned enclave signers (docs/security-model.md §3.8), attacked from a connected page: an `otpEncryptionTargetBundle` is
 * only as good as the key that signed it. A page that signs its own bundle ("I am
 * the enclave") would get the code the user types sealed to a key it holds, while
 * the prompt promises the site never sees it. Only pinned enclave keys count; the
 * local Grid emulator's key counts only while "Trust the local Grid emulator" is on.
 */

const OTP_TITLE = 'Enter your sign-in code';
const FIELD = 'params.otpEncryptionTargetBundle';

/** grid_collectOtp with `bundle` must be refused (-32602 naming the field) and no prompt may open. */
async function expectRefusedWithoutPrompt(extension: Extension, page: Page, clientKeyId: string, bundle: string, why: RegExp) {
  const reply = walletCall(page, 'grid_collectOtp', {
    credentialId: 'AuthMethod:019542f5-b3e7-1d02-0000-000000000001',
    channel: 'EMAIL',
    destination: 'jane@example.com',
    otpEncryptionTargetBundle: bundle,
    clientKeyId,
  });
  const outcome = await answerOrPrompt(extension, reply);
  expect(outcome, 'the bundle reached an approval prompt').not.toBe('pending');
  const error = expectError(outcome as WalletReply, -32602);
  expect(error.data).toEqual({ field: FIELD });
  expect(error.message).toMatch(why);
  expect(extension.context.pages().filter((p) => p.url().startsWith(APPROVAL_PAGE))).toHaveLength(0);
}

/**
 * In the page, as an attacker's script would: an HPKE target key the page holds,
 * and a target bundle publishing it, signed (DER, over the data bytes) by another
 * key the page made. Returns the bundle's fields; the page keeps both private keys.
 */
function pageMadeBundle(page: Page): Promise<{ version: string; data: string; dataSignature: string; enclaveQuorumPublic: string }> {
  return page.evaluate(async () => {
    const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const target = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits']);
    const signer = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const data = new TextEncoder().encode(JSON.stringify({ targetPublic: hex(await crypto.subtle.exportKey('raw', target.publicKey)) }));
    const raw = new Uint8Array(await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, signer.privateKey, data));
    const derInteger = (value: Uint8Array) => {
      let start = 0;
      while (start < value.length - 1 && value[start] === 0) start++;
      const body = value[start]! & 0x80 ? [0, ...value.slice(start)] : [...value.slice(start)];
      return [0x02, body.length, ...body];
    };
    const sequence = [...derInteger(raw.slice(0, 32)), ...derInteger(raw.slice(32))];
    return {
      version: 'v1.0.0',
      data: hex(data),
      dataSignature: hex(new Uint8Array([0x30, sequence.length, ...sequence])),
      enclaveQuorumPublic: hex(await crypto.subtle.exportKey('raw', signer.publicKey)),
    };
  });
}

test('a bundle the page signed itself, an unsigned one, or one naming a pinned key it cannot sign for: refused, no prompt', async ({
  extension,
  page,
}) => {
  await connect(extension, page);
  await expectWindowClosed(extension);
  const { clientKeyId } = resultOf(await walletCall(page, 'grid_createClientKey'));
  const own = await pageMadeBundle(page);

  const cases: Array<[string, object, RegExp]> = [
    ['its own key as "the enclave"', own, /not signed by an enclave key this wallet trusts/],
    ['unsigned (empty signature fields, as in Grid sandbox)', { ...own, dataSignature: '', enclaveQuorumPublic: '' }, /is not signed/],
    ['unsigned (no signature fields)', { version: own.version, data: own.data }, /is not signed/],
    [
      "Turnkey's pinned key named, signed by the page",
      { ...own, enclaveQuorumPublic: PRODUCTION_TLS_FETCHER_SIGN_PUBLIC_KEY },
      /dataSignature does not verify/,
    ],
    [
      "the local Grid emulator's key named, signed by the page",
      { ...own, enclaveQuorumPublic: LOCAL_GRID_EMULATOR_ENCLAVE_SIGNER },
      /dataSignature does not verify/,
    ],
  ];
  for (const [what, bundle, why] of cases) {
    await test.step(what, () => expectRefusedWithoutPrompt(extension, page, clientKeyId, JSON.stringify(bundle), why));
  }
});

/** One browser of its own (the trust setting is the extension's), an emulator on a free port, and a connected page. */
async function withEmulatorBrowser(
  work: (setup: { extension: Extension; emulator: TestServer; page: Page }) => Promise<void>,
): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    await withOwnBrowser((setup) => work({ ...setup, emulator }));
  } finally {
    await emulator.close();
  }
}

/** What the integrator's backend does first: an account, then an OTP challenge. Returns Grid's target bundle. */
async function emulatorChallenge(emulator: TestServer): Promise<{ credentialId: string; email: string; bundle: string }> {
  const email = `ada-${crypto.randomUUID()}@example.com`;
  const account = await emulator.admin('POST', '/accounts', { email });
  expect(account.status).toBe(201);
  const credentialId: string = account.body.credential.id;
  const challenge = await emulator.grid('POST', `/auth/credentials/${credentialId}/challenge`, {});
  expect(challenge.status).toBe(200);
  return { credentialId, email, bundle: challenge.body.otpEncryptionTargetBundle };
}

const collectOtp = (page: Page, clientKeyId: string, credentialId: string, bundle: string) =>
  walletCall(page, 'grid_collectOtp', {
    credentialId,
    channel: 'EMAIL',
    length: 6,
    expiresAt: inMinutes(5),
    otpEncryptionTargetBundle: bundle,
    clientKeyId,
  });

test("with the emulator trusted (a development build's default), its real bundle works end to end", async () => {
  await withEmulatorBrowser(async ({ extension, emulator, page }) => {
    const toolbar = await openToolbar(extension);
    await expect(toolbar.getByRole('checkbox', { name: 'Trust the local Grid emulator' })).toBeChecked();
    await expect(toolbar.getByRole('status').filter({ hasText: 'Trusting the local Grid emulator' })).toBeVisible();

    const { credentialId, email, bundle } = await emulatorChallenge(emulator);
    const { clientKeyId } = resultOf(await walletCall(page, 'grid_createClientKey'));
    const reply = collectOtp(page, clientKeyId, credentialId, bundle);
    const prompt = await promptPage(extension, OTP_TITLE);
    await expect(prompt.getByText(/encrypted for the local Grid emulator/)).toBeVisible();
    const code: string = (await emulator.admin('GET', `/outbox?to=${encodeURIComponent(email)}`)).body.data[0].code;
    await prompt.getByLabel('One-time code').fill(code);
    await press(prompt, 'Verify');
    const { encryptedOtpBundle } = resultOf(await reply);
    expect(encryptedOtpBundle).not.toContain(code);

    // The page relays the sealed code; the emulator's enclave opens it (202), the client key signs the token, Grid issues the session.
    const path = `/auth/credentials/${credentialId}/verify`;
    const leg1 = await emulator.grid('POST', path, { type: 'EMAIL_OTP', encryptedOtpBundle });
    expect(leg1.status, JSON.stringify(leg1.body)).toBe(202);
    const { signature } = resultOf(await walletCall(page, 'grid_signPayload', { clientKeyId, payloadToSign: leg1.body.payloadToSign }));
    const leg2 = await emulator.grid(
      'POST',
      path,
      { type: 'EMAIL_OTP', encryptedOtpBundle },
      { 'Grid-Wallet-Signature': signature, 'Request-Id': leg1.body.requestId },
    );
    expect(leg2.status, JSON.stringify(leg2.body)).toBe(200);
    expect(leg2.body.id).toMatch(/^Session:/);
  });
});

test('turned off in the toolbar popup, the same emulator bundle is refused without a prompt; turned on again, it prompts', async () => {
  await withEmulatorBrowser(async ({ extension, emulator, page }) => {
    const toolbar = await openToolbar(extension);
    const trust = toolbar.getByRole('checkbox', { name: 'Trust the local Grid emulator' });
    const indicator = toolbar.getByRole('status').filter({ hasText: 'Trusting the local Grid emulator' });
    await expect(trust).toBeChecked();
    await trust.uncheck();
    await expect(trust).not.toBeChecked();
    await expect(indicator).toBeHidden();

    const { credentialId, bundle } = await emulatorChallenge(emulator);
    const { clientKeyId } = resultOf(await walletCall(page, 'grid_createClientKey'));
    const outcome = await answerOrPrompt(extension, collectOtp(page, clientKeyId, credentialId, bundle));
    expect(outcome, 'the bundle reached an approval prompt').not.toBe('pending');
    const error = expectError(outcome as WalletReply, -32602);
    expect(error.data).toEqual({ field: FIELD });
    expect(error.message).toMatch(/Trust the local Grid emulator/);

    // Still off after the popup is closed and opened again (a stored setting, not page state).
    await toolbar.close();
    const again = await openToolbar(extension);
    const trustAgain = again.getByRole('checkbox', { name: 'Trust the local Grid emulator' });
    await expect(trustAgain).not.toBeChecked();
    await trustAgain.check();
    await expect(again.getByRole('status').filter({ hasText: 'Trusting the local Grid emulator' })).toBeVisible();
    const reply = collectOtp(page, clientKeyId, credentialId, bundle);
    await press(await promptPage(extension, OTP_TITLE), 'Reject');
    expectError(await reply, 4001);
  });
});
