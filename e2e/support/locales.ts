import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROME_BUILD } from './extension.ts';

/**
 * The extension's messages in a language, for tests that find the screens by the
 * words they show, and a long pseudo-locale for overflow tests (docs/translating.md):
 * English made about 40 % longer and accented, loaded as English into a copy of the
 * Chrome build. It is made here, never shipped.
 */

export type Messages = Record<string, { message: string }>;

const LOCALES_DIR = join(import.meta.dirname, '..', '..', 'public', '_locales');

export const readMessages = (locale: string): Messages => JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));

/** A message with its `$1`…`$9` filled in, as chrome.i18n.getMessage does. */
export function say(messages: Messages, key: string, ...substitutions: string[]): string {
  const entry = messages[key];
  if (!entry) throw new Error(`no message "${key}"`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
}

const ACCENTED: Record<string, string> = Object.fromEntries(
  [...'aceinouyACEINOUY'].map((letter, i) => [letter, [...'àçéîñöûýÀÇÉÎÑÖÛÝ'][i]!]),
);

/** "Approve" → "Àpprövé ·····": accented, and 40 % longer (at least three more characters); placeholders kept. */
export function pseudoLocalise(message: string): string {
  const accented = message.replace(/\$(\$|[1-9])|./g, (match) => (match.length === 2 ? match : (ACCENTED[match] ?? match)));
  return `${accented} ${'·'.repeat(Math.max(2, Math.ceil(message.length * 0.4)))}`;
}

export const PSEUDO_LOCALE = 'pseudo';

/** A copy of the Chrome build that speaks only the pseudo-locale (as its English), and those messages. */
export function pseudoLocaleBuild(dir: string): { build: string; messages: Messages } {
  rmSync(dir, { recursive: true, force: true });
  cpSync(CHROME_BUILD, dir, { recursive: true });
  const english = readMessages('en');
  // Every message but the language tag, which Intl must still read.
  const messages = Object.fromEntries(
    Object.entries(english).map(([key, { message }]) => [key, { message: key === 'messagesLocale' ? message : pseudoLocalise(message) }]),
  );
  for (const locale of readdirSync(join(dir, '_locales'))) if (locale !== 'en') rmSync(join(dir, '_locales', locale), { recursive: true });
  writeFileSync(join(dir, '_locales', 'en', 'messages.json'), JSON.stringify(messages));
  return { build: dir, messages };
}
