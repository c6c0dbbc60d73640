import { DEVELOPMENT_BUILD } from '../../buildFlavour.ts';
import type { EnclaveTrust } from '../../core/index.ts';
import type { Settings } from '../../protocol/internal.ts';

/** The key-value area settings live in: `storage.local`, so they outlive the browser session. */
export interface SettingsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const TRUST_LOCAL_GRID_EMULATOR = 'trustLocalGridEmulator';

/**
 * The user's settings, changed only from the toolbar popup. "Trust the local Grid
 * emulator" starts on in development builds (what `npm start` and the tests load)
 * and off in store builds; what the user chose wins either way.
 */
export class SettingsStore {
  constructor(
    private readonly storage: SettingsStorage,
    private readonly defaults: Settings = { trustLocalGridEmulator: DEVELOPMENT_BUILD },
  ) {}

  async get(): Promise<Settings> {
    const { [TRUST_LOCAL_GRID_EMULATOR]: stored } = await this.storage.get(TRUST_LOCAL_GRID_EMULATOR);
    return { trustLocalGridEmulator: typeof stored === 'boolean' ? stored : this.defaults.trustLocalGridEmulator };
  }

  async set(settings: Settings): Promise<void> {
    await this.storage.set({ [TRUST_LOCAL_GRID_EMULATOR]: settings.trustLocalGridEmulator });
  }

  /** Which enclave signers besides Turnkey's the user trusts now (core/enclaveSigners.ts). */
  async enclaveTrust(): Promise<EnclaveTrust> {
    return { localGridEmulator: (await this.get()).trustLocalGridEmulator };
  }
}
