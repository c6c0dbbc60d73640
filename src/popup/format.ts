import { minorUnitsToDecimal } from '@grid-wallet/core/amount';
import { t, uiLanguage } from './i18n.ts';

/** "4:05" or "1:02:03": a ticking clock reads best with fixed-width digits. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "45 s", "14 min", "1 h 5 min": how long something still lasts. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  if (seconds < 60) return t('durationSeconds', seconds);
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return t('durationMinutes', minutes);
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? t('durationHours', hours) : t('durationHoursMinutes', hours, minutes % 60);
}

/** "just now", "5 min ago", or a time (and date, if not today) for older entries. */
export function formatWhen(at: number, now: number): string {
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return t('whenJustNow');
  if (seconds < 3600) return new Intl.RelativeTimeFormat(uiLanguage(), { numeric: 'auto' }).format(-Math.round(seconds / 60), 'minute');
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: 'numeric', minute: '2-digit' }
    : { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' };
  return new Intl.DateTimeFormat(uiLanguage(), options).format(at);
}

/** A date and time, for tooltips and JWT claims. */
export function formatDateTime(at: number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

/**
 * Long ids shortened in the middle ("InternalAccount:0195…0002"): the prefix
 * says what it is and the tail tells two apart. The full id goes in a tooltip.
 */
export function shortId(id: string, keep = 6): string {
  const colon = id.indexOf(':');
  const [prefix, rest] = colon > 0 && colon < 24 ? [id.slice(0, colon + 1), id.slice(colon + 1)] : ['', id];
  return rest.length <= keep * 2 + 1 ? id : `${prefix}${rest.slice(0, keep)}…${rest.slice(-keep)}`;
}

/** "ACTIVITY_TYPE_SET_ORG_FEATURE_V2" → "Set org feature"; "sendingAccountId" → "Sending account id". */
export function humanise(name: string): string {
  const words = name
    .replace(/^ACTIVITY_TYPE_/, '')
    .replace(/_V\d+$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * An amount given in the currency's smallest unit, in the UI language's currency
 * style with exactly Grid's `decimals` places (never the locale's default for the
 * currency: a misplaced decimal point on a payment is a security defect). The code,
 * not a symbol: "$" is a dollar and a peso. 1250 USD with 2 decimals → "USD 12.50"
 * in English, "12,50 USD" in French; 1500 XOF with 0 → "XOF 1,500". The number is
 * handed to Intl as a decimal string so large amounts keep every digit.
 */
export function formatAmount({ amount, currency }: { amount: number; currency: { code: string; decimals: number } }): string {
  const value = minorUnitsToDecimal(amount, currency.decimals);
  const digits = { minimumFractionDigits: currency.decimals, maximumFractionDigits: currency.decimals };
  // Intl's decimal-string overload (ES2023) keeps every digit; a number would round past 2^53.
  const decimal = value as `${number}`;
  try {
    return new Intl.NumberFormat(uiLanguage(), { style: 'currency', currency: currency.code, currencyDisplay: 'code', ...digits }).format(
      decimal,
    );
  } catch {
    // Not an ISO 4217-shaped code (e.g. four letters): Intl refuses it, so the number and the code as Grid wrote it.
    return `${new Intl.NumberFormat(uiLanguage(), digits).format(decimal)} ${currency.code}`;
  }
}
