import { useEffect, useState } from 'preact/hooks';
import { DEVELOPMENT_BUILD } from '../../buildFlavour.ts';
import type { Settings } from '../../extension-protocol/internal.ts';
import { callBackground } from '../api.ts';
import { Icon } from '../components/Icon.tsx';
import { type MessageKey, t } from '../i18n.ts';

export const loadSettings = () => callBackground('settings/get');

/** Shown at the top of the popup for as long as a setting that weakens a defence is on (the emulator's key, the sandbox's plain codes). */
export function SettingsBanners({ settings }: { settings: Settings }) {
  const on: MessageKey[] = [
    ...(settings.trustLocalGridEmulator ? (['trustEmulatorOn'] as const) : []),
    ...(settings.sandboxPlainCodes ? (['sandboxPlainCodesOn'] as const) : []),
  ];
  return on.map((message) => (
    <p key={message} class="trust-banner" role="status">
      <Icon name="alert" size={16} />
      {t(message)}
    </p>
  ));
}

/** One checkbox with its explanation. */
function SettingToggle({
  name,
  settings,
  label,
  help,
  changed,
}: {
  name: keyof Settings;
  settings: Settings;
  label: MessageKey;
  help: MessageKey;
  changed(): void;
}) {
  const helpId = `${name}-help`;
  // What the user just chose, shown until the stored settings come back with it: a
  // re-render in between (the popup's clock ticks) must not flip the box back.
  const [requested, setRequested] = useState<boolean | undefined>(undefined);
  useEffect(() => setRequested(undefined), [settings[name]]);
  const choose = (value: boolean) => {
    setRequested(value);
    void callBackground('settings/set', { [name]: value })
      .catch(() => setRequested(undefined))
      .finally(changed);
  };
  return (
    <div class="card setting">
      <label class="setting__option">
        <input
          type="checkbox"
          checked={requested ?? settings[name]}
          aria-describedby={helpId}
          onChange={(event) => choose(event.currentTarget.checked)}
        />
        <span>{t(label)}</span>
      </label>
      <p id={helpId} class="setting__help">
        {t(help)}
      </p>
    </div>
  );
}

/**
 * The user's settings: the Grid sandbox developer setting (docs/security-model.md §3.7)
 * and, in development builds only (a store build compiles it out), whether to trust
 * the local Grid emulator's enclave key (core/enclaveSigners.ts).
 */
export function SettingsSection({ settings, changed }: { settings: Settings; changed(): void }) {
  return (
    <section aria-labelledby="settings-title">
      <h2 id="settings-title" class="section-heading">
        {t('settingsTitle')}
      </h2>
      {DEVELOPMENT_BUILD && (
        <SettingToggle
          name="trustLocalGridEmulator"
          settings={settings}
          label="trustEmulatorLabel"
          help="trustEmulatorHelp"
          changed={changed}
        />
      )}
      <SettingToggle
        name="sandboxPlainCodes"
        settings={settings}
        label="sandboxPlainCodesLabel"
        help="sandboxPlainCodesHelp"
        changed={changed}
      />
    </section>
  );
}
