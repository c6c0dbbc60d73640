import { describe, expect, it } from 'vitest';
import { localEmulatorEnclaveKey } from '../../packages/emulator/src/enclave.ts';
import { generateP256Key, makeTargetBundle } from '../core/index.ts';
import { handleInternalRequest } from './internalRouter.ts';
import { handlePageRequest } from './pageRouter.ts';
import { SettingsStore } from './stores/SettingsStore.ts';
import { createTestBackground, MemoryStorage, type TestBackground } from './testing.ts';

/** grid_collectOtp's target bundle against the "Trust the local Grid emulator" setting (issue 9 §4). */

const SITE = { origin: 'https://app.example', tabId: 7 };
const FIELD = { field: 'params.otpEncryptionTargetBundle' };

let n = 0;
const call = (bg: TestBackground, method: string, params?: unknown) =>
  handlePageRequest(bg.ctx, { kind: 'page-request', bridgeId: 'bridge-7', id: `req-${++n}`, method, params }, SITE);
const setTrust = (bg: TestBackground, trustLocalGridEmulator: unknown) =>
  handleInternalRequest(bg.ctx, { kind: 'internal', action: 'settings/set', params: { trustLocalGridEmulator } as never });

async function collectWithEmulatorBundle(bg: TestBackground) {
  await bg.ctx.connections.connect(SITE.origin);
  const { result } = (await call(bg, 'grid_createClientKey')) as { result: { clientKeyId: string } };
  const otpEncryptionTargetBundle = await makeTargetBundle((await generateP256Key()).publicKey, await localEmulatorEnclaveKey());
  return call(bg, 'grid_collectOtp', { credentialId: 'AuthMethod:1', otpEncryptionTargetBundle, clientKeyId: result.clientKeyId });
}

describe('SettingsStore', () => {
  it('trusts the emulator by default in a development build, not in a store build; what the user chose wins', async () => {
    const storage = new MemoryStorage();
    expect(await new SettingsStore(storage).get()).toEqual({ trustLocalGridEmulator: true }); // vitest runs as a development build
    const store = new SettingsStore(storage, { trustLocalGridEmulator: false });
    expect(await store.enclaveTrust()).toEqual({ localGridEmulator: false });
    await store.set({ trustLocalGridEmulator: true });
    expect(await store.enclaveTrust()).toEqual({ localGridEmulator: true });
    await new SettingsStore(storage).set({ trustLocalGridEmulator: false });
    expect(await new SettingsStore(storage).get()).toEqual({ trustLocalGridEmulator: false });
    // Anything but a boolean stored there is ignored.
    await storage.set({ trustLocalGridEmulator: 'yes' });
    expect(await store.get()).toEqual({ trustLocalGridEmulator: false });
  });

  it('settings/set takes only a boolean', async () => {
    const bg = await createTestBackground();
    expect(await setTrust(bg, 'true')).toMatchObject({ error: { code: -32602, data: { field: 'trustLocalGridEmulator' } } });
    expect(await setTrust(bg, false)).toEqual({ result: { trustLocalGridEmulator: false } });
    expect(await handleInternalRequest(bg.ctx, { kind: 'internal', action: 'settings/get', params: {} })).toEqual({
      result: { trustLocalGridEmulator: false },
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
    const [pending] = await bg.ctx.approvals.list();
    const reply = await bg.ctx.approvals.decide(pending!.view.id, { kind: 'otp', code: '123456' });
    expect(reply).toMatchObject({ error: { code: -32602, data: FIELD } });
    expect(JSON.stringify(bg.delivered)).not.toContain('encryptedOtpBundle');
  });
});
