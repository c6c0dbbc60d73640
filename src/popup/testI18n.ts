/**
 * Test-only: `chrome.i18n` backed by the real `_locales/<locale>/messages.json`,
 * with Chrome's `$1`…`$9` substitution and its fallback to the default locale
 * (en) for a key a translation lacks, so unit tests see the words users see and
 * a missing message fails loudly. English unless a test calls `useLocale`.
 * Product code may not import this file (biome.json, noRestrictedImports).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Messages = Record<string, { message: string }>;

const read = (locale: string): Messages =>
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', locale, 'messages.json'), 'utf8'));

const english = read('en');
let current = { messages: english, language: 'en-US' };

/**
 * Speak `locale` (a `_locales` folder name, e.g. "pt_BR") from now on, as a browser set
 * to that language would; `browserLanguage` is what getUILanguage says, if it differs.
 */
export function useLocale(locale: string, browserLanguage = locale === 'en' ? 'en-US' : locale.replace('_', '-')): void {
  current = { messages: locale === 'en' ? english : read(locale), language: browserLanguage };
}

function getMessage(key: string, substitutions: string[] = []): string {
  const entry = current.messages[key] ?? english[key];
  if (!entry) throw new Error(`no message "${key}" in _locales/en/messages.json`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
}

(globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage, getUILanguage: () => current.language } };
