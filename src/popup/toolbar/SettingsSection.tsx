import type { Settings } from '../../protocol/internal.ts';
import { callBackground } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { t } from '../i18n.ts';

export const loadSettings = () => callBackground('settings/get');

/** Shown at the top of the popup for as long as the local Grid emulator's test key is trusted. */
export function EmulatorTrustBanner() {
  return (
    <p class="trust-banner" role="status">
      <Icon name="alert" size={16} />
      {t('trustEmulatorOn')}
    </p>
  );
}

/** The user's settings: for now, whether to trust the local Grid emulator's enclave key (core/enclaveSigners.ts). */
export function SettingsSection({ settings, changed }: { settings: Settings; changed(): void }) {
  const setTrust = (trustLocalGridEmulator: boolean) => void callBackground('settings/set', { trustLocalGridEmulator }).finally(changed);
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" class="section-heading">
        {t('settingsTitle')}
      </h2>
      <div class="card setting">
        <label class="setting__option">
          <input
            type="checkbox"
            checked={settings.trustLocalGridEmulator}
            aria-describedby="trust-emulator-help"
            onChange={(event) => setTrust(event.currentTarget.checked)}
          />
          <span>{t('trustEmulatorLabel')}</span>
        </label>
        <p id="trust-emulator-help" class="setting__help">
          {t('trustEmulatorHelp')}
        </p>
      </div>
    </section>
  );
}
