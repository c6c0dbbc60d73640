import { describe, expect, it } from 'vitest';
import { generateP256Key, hexToBytes, importP256Scalar, localGridEmulatorTrust, makeTargetBundle } from '@grid-wallet/core';
import { LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY } from '@grid-wallet/emulator';
import { handleInternalRequest } from './internalRouter.ts';
import { handlePageRequest } from './pageRouter.ts';
import { SettingsStore } from './stores/SettingsStore.ts';
import { createTestBackground, MemoryStorage, type TestBackground } from './testBackground.ts';

/** grid_collectOtp's target bundle against the "Trust the local Grid emulator" and Grid sandbox developer settings (docs/security-model.md §3.7–3.8). */

const SITE = { origin: 'https://app.example', tabId: 7 };
const FIELD = { field: 'params.otpEncryptionTargetBundle' };

let n = 0;
const call = (bg: TestBackground, method: string, params?: unknown) =>
  handlePageRequest(bg.ctx, { kind: 'page-request', bridgeId: 'bridge-7', id: `req-${++n}`, method, params }, SITE);
const setSettings = (bg: TestBackground, params: Record<string, unknown>) =>
  handleInternalRequest(bg.ctx, { kind: 'internal', action: 'settings/set', params: params as never });
const setTrust = (bg: TestBackground, trustLocalGridEmulator: unknown) => setSettings(bg, { trustLocalGridEmulator });

/** grid_collectOtp with a target bundle signed by the emulator's key, or unsigned as Grid's sandbox sends it. */
async function collectWithBundle(bg: TestBackground, signer: 'emulator' | 'unsigned') {
  await bg.ctx.connections.connect(SITE.origin);
  const { result } = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
  const target = (await generateP256Key()).publicKey;
  const otpEncryptionTargetBundle = await makeTargetBundle(
    target,
    signer === 'emulator' ? await importP256Scalar(hexToBytes(LOCAL_GRID_EMULATOR_ENCLAVE_TEST_PRIVATE_KEY)) : undefined,
  );
  return call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:1', otpEncryptionTargetBundle, clientKeyId: result.clientKeyId });
}
const collectWithEmulatorBundle = (bg: TestBackground) => collectWithBundle(bg, 'emulator');

async function enterCode(bg: TestBackground, code: string) {
  const [pending] = await bg.ctx.approvals.list();
  return bg.ctx.approvals.decide(pending!.view.id, { kind: 'otp', code });
}

describe('SettingsStore', () => {
  it('trusts the emulator by default in a development build, not in a store build; what the user chose wins', async () => {
    const storage = new MemoryStorage();
    // vitest runs as a development build
    expect(await new SettingsStore(storage).get()).toEqual({ trustLocalGridEmulator: true, sandboxPlainCodes: false });
    const store = new SettingsStore(storage, { trustLocalGridEmulator: false, sandboxPlainCodes: false });
    expect(await store.enclaveTrust()).toEqual(localGridEmulatorTrust(false));
    await store.set({ trustLocalGridEmulator: true });
    expect(await store.enclaveTrust()).toEqual(localGridEmulatorTrust(true));
    await new SettingsStore(storage).set({ trustLocalGridEmulator: false, sandboxPlainCodes: true });
    expect(await new SettingsStore(storage).get()).toEqual({ trustLocalGridEmulator: false, sandboxPlainCodes: true });
    // Anything but a boolean stored there is ignored.
    await storage.set({ trustLocalGridEmulator: 'yes', sandboxPlainCodes: 1 });
    expect(await store.get()).toEqual({ trustLocalGridEmulator: false, sandboxPlainCodes: false });
  });

  it('settings/set takes only settings this build has, each a boolean, and changes only those given', async () => {
    const bg = await createTestBackground();
    expect(await setTrust(bg, 'true')).toMatchObject({ error: { code: -32602, data: { field: 'trustLocalGridEmulator' } } });
    expect(await setSettings(bg, { sandboxPlainCodes: 'on' })).toMatchObject({
      error: { code: -32602, message: expect.stringContaining('sandboxPlainCodes must be true or false') },
    });
    expect(await setSettings(bg, { signWithoutAsking: true })).toMatchObject({
      error: { code: -32602, message: expect.stringContaining('signWithoutAsking is not a setting in this build') },
    });
    expect(await setTrust(bg, false)).toEqual({ result: { trustLocalGridEmulator: false, sandboxPlainCodes: false } });
    expect(await setSettings(bg, { sandboxPlainCodes: true })).toEqual({
      result: { trustLocalGridEmulator: false, sandboxPlainCodes: true },
    });
    expect(await handleInternalRequest(bg.ctx, { kind: 'internal', action: 'settings/get', params: {} })).toEqual({
      result: { trustLocalGridEmulator: false, sandboxPlainCodes: true },
    });
  });
});

describe('grid_collectOtp and the emulator trust setting', () => {
  it("trusted: the emulator's bundle prompts, and the prompt knows whose enclave it seals to", async () => {
    const bg = await createTestBackground();
    expect(await collectWithEmulatorBundle(bg)).toEqual({ pending: true });
    const [pending] = await bg.ctx.approvals.list();
    expect(pending?.view).toMatchObject({ kind: 'otp', sealedFor: 'localGridEmulator' });
  });

  it('not trusted: refused with -32602 naming the bundle, and no window', async () => {
    const bg = await createTestBackground();
    await setTrust(bg, false);
    const reply = await collectWithEmulatorBundle(bg);
    expect(reply).toMatchObject({
      error: { code: -32602, data: FIELD, message: expect.stringContaining('"Trust the local Grid emulator" is on') },
    });
    expect(bg.window.shown).toBe(0);
    expect(await bg.ctx.approvals.list()).toEqual([]);
  });

  it('trust turned off while the prompt is open: the typed code is not sealed', async () => {
    const bg = await createTestBackground();
    expect(await collectWithEmulatorBundle(bg)).toEqual({ pending: true });
    await setTrust(bg, false);
    const reply = await enterCode(bg, '123456');
    expect(reply).toMatchObject({ error: { code: -32602, data: FIELD } });
    expect(JSON.stringify(bg.delivered)).not.toContain('encryptedOtpBundle');
  });
});

describe('grid_collectOtp with an unsigned bundle (Grid sandbox) and the sandbox developer setting', () => {
  it('off (the default): refused with -32602 naming the bundle, and no window', async () => {
    const bg = await createTestBackground();
    expect(await collectWithBundle(bg, 'unsigned')).toMatchObject({
      error: { code: -32602, data: FIELD, message: expect.stringContaining('is not signed') },
    });
    expect(bg.window.shown).toBe(0);
    expect(await bg.ctx.approvals.list()).toEqual([]);
  });

  it('on: the prompt is the plain-code one, the page gets the typed code, and the client key gets no free signature', async () => {
    const bg = await createTestBackground();
    await setSettings(bg, { sandboxPlainCodes: true });
    expect(await collectWithBundle(bg, 'unsigned')).toEqual({ pending: true });
    const [pending] = await bg.ctx.approvals.list();
    expect(pending?.view).toMatchObject({ kind: 'otp', sealedFor: null, unsignedSandboxBundle: true });
    expect(await enterCode(bg, '123456')).toEqual({ result: { otp: '123456' } });
    const { clientKeyId } = pending!.view.params as { clientKeyId: string };
    expect(await bg.ctx.clientKeys.takeOtpSignature(SITE.origin, clientKeyId)).toBe(false);
  });

  it('on, then off while the prompt is open: the code is not handed over', async () => {
    const bg = await createTestBackground();
    await setSettings(bg, { sandboxPlainCodes: true });
    expect(await collectWithBundle(bg, 'unsigned')).toEqual({ pending: true });
    await setSettings(bg, { sandboxPlainCodes: false });
    expect(await enterCode(bg, '123456')).toMatchObject({ error: { code: -32602, data: FIELD } });
  });

  it('on: a signed bundle is still sealed, never handed over in plain', async () => {
    const bg = await createTestBackground();
    await setSettings(bg, { sandboxPlainCodes: true });
    expect(await collectWithEmulatorBundle(bg)).toEqual({ pending: true });
    const reply = await enterCode(bg, '123456');
    expect(reply).toMatchObject({ result: { encryptedOtpBundle: expect.any(String) } });
    expect(JSON.stringify(reply)).not.toContain('123456');
  });
});
