import { DEVELOPMENT_BUILD } from '../../buildFlavour.ts';
import { type EnclaveTrust, localGridEmulatorTrust } from '@grid-wallet/core';
import { errors } from '@grid-wallet/protocol';
import type { Settings } from '../../extension-protocol/internal.ts';

/** The key-value area settings live in: `storage.local`, so they outlive the browser session. */
export interface SettingsStorage {
  get(key: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** The settings a store build has: "Trust the local Grid emulator" exists only in development builds. */
export const AVAILABLE_SETTINGS: ReadonlyArray<keyof Settings> = DEVELOPMENT_BUILD
  ? ['trustLocalGridEmulator', 'sandboxPlainCodes']
  : ['sandboxPlainCodes'];

/** settings/set's params: only settings this build has, each true or false; otherwise -32602 naming the setting. */
export function checkSettings(params: unknown): Partial<Settings> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw errors.invalidParams('params', 'must be an object');
  for (const [name, value] of Object.entries(params)) {
    if (!AVAILABLE_SETTINGS.includes(name as keyof Settings)) throw errors.invalidParams(name, 'is not a setting in this build');
    if (typeof value !== 'boolean') throw errors.invalidParams(name, 'must be true or false');
  }
  return params as Partial<Settings>;
}

/**
 * The user's settings, changed only from the toolbar popup. "Trust the local Grid
 * emulator" starts on in development builds (what `npm start` and the tests load)
 * and does not exist in store builds; the Grid sandbox developer setting starts off
 * everywhere. What the user chose wins.
 */
export class SettingsStore {
  constructor(
    private readonly storage: SettingsStorage,
    private readonly defaults: Settings = { trustLocalGridEmulator: DEVELOPMENT_BUILD, sandboxPlainCodes: false },
  ) {}

  async get(): Promise<Settings> {
    const stored = await this.storage.get([...AVAILABLE_SETTINGS]);
    const read = (name: keyof Settings) => (typeof stored[name] === 'boolean' ? stored[name] : this.defaults[name]);
    return { trustLocalGridEmulator: read('trustLocalGridEmulator'), sandboxPlainCodes: read('sandboxPlainCodes') };
  }

  /** Stores the given settings; the caller checked each is available in this build. */
  async set(settings: Partial<Settings>): Promise<void> {
    await this.storage.set(settings);
  }

  /** Which enclave signers besides Turnkey's this build knows and the user trusts now (core/enclaveSigners.ts). */
  async enclaveTrust(): Promise<EnclaveTrust> {
    // Compile-time: a store build drops this branch, and with it the emulator's key.
    if (!DEVELOPMENT_BUILD) return {};
    return localGridEmulatorTrust((await this.get()).trustLocalGridEmulator);
  }
}
