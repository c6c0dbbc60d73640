import { GRANT_MINUTES, type GrantMinutes, type GrantScope } from '@grid-wallet/core/signingDecision';
import { type MessageKey, t } from '../../i18n.ts';

/** 0: ask every time; otherwise one of the grant lengths core/signingPolicy.ts allows. */
export type GrantChoiceValue = 0 | GrantMinutes;

const LABELS: Record<GrantMinutes, MessageKey> = { 15: 'grantFor15Minutes', 60: 'grantForOneHour' };
const OPTIONS: Array<[GrantChoiceValue, MessageKey]> = [
  [0, 'grantAskEveryTime'],
  ...GRANT_MINUTES.map((minutes): [GrantMinutes, MessageKey] => [minutes, LABELS[minutes]]),
];

/** The legend names what a grant of each scope covers. */
const LEGENDS: Record<GrantScope, MessageKey> = { payments: 'grantLegend' };

/** "Don't ask again for 15 minutes / 1 hour": a bounded grant of one scope, listed and revocable in the toolbar popup. */
export function GrantChoice({
  scope,
  value,
  onChange,
}: {
  scope: GrantScope;
  value: GrantChoiceValue;
  onChange(minutes: GrantChoiceValue): void;
}) {
  return (
    <fieldset class="card grant">
      <legend class="section-title">{t(LEGENDS[scope])}</legend>
      {OPTIONS.map(([minutes, label]) => (
        <label key={minutes} class="grant__option">
          <input type="radio" name="grant" checked={value === minutes} onChange={() => onChange(minutes)} />
          <span>{t(label)}</span>
        </label>
      ))}
    </fieldset>
  );
}
