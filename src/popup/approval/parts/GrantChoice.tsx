import { t } from '../../i18n.ts';

export type GrantMinutes = 0 | 15 | 60;

const OPTIONS = [
  [0, 'grantAskEveryTime'],
  [15, 'grantFor15Minutes'],
  [60, 'grantForOneHour'],
] as const;

/** "Don't ask again for 15 minutes / 1 hour": a bounded grant, listed and revocable in the toolbar popup. */
export function GrantChoice({ value, onChange }: { value: GrantMinutes; onChange(minutes: GrantMinutes): void }) {
  return (
    <fieldset class="card grant">
      <legend class="section-title">{t('grantLegend')}</legend>
      {OPTIONS.map(([minutes, label]) => (
        <label key={minutes} class="grant__option">
          <input type="radio" name="grant" checked={value === minutes} onChange={() => onChange(minutes)} />
          <span>{t(label)}</span>
        </label>
      ))}
    </fieldset>
  );
}
