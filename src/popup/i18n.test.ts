import { useLocale } from './testI18n.ts';
import { afterEach, expect, it } from 'vitest';
import { formatAmount } from './format.ts';
import { uiLanguage } from './i18n.ts';

afterEach(() => useLocale('en'));

it("formats in the messages' language, refined by the browser's own variant of it", () => {
  useLocale('es_419', 'es-MX');
  expect(uiLanguage()).toBe('es-MX');
  useLocale('en', 'en-GB');
  expect(uiLanguage()).toBe('en-GB');
});

it("never writes an amount in another language's format than the words beside it", () => {
  // A browser whose UI language the extension does not speak, or that reports another (headless Chromium: en-US).
  useLocale('fr', 'en-US');
  expect(uiLanguage()).toBe('fr');
  expect(formatAmount({ amount: 1250, currency: { code: 'USD', decimals: 2 } }).replace(/\s/g, ' ')).toBe('12,50 USD');
});
