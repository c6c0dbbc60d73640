import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The extension's languages held to English (docs/translating.md): every key of
 * `_locales/en/messages.json` is used by the code, and every other locale has
 * exactly the same keys, each with the same `$1`…`$9` placeholders and some text.
 * Each function returns the problems it finds, so a test can list them exactly.
 */

export type Messages = Record<string, { message: string; description?: string }>;

export const ROOT = join(import.meta.dirname, '..', '..');
const LOCALES_DIR = join(ROOT, 'public', '_locales');
export const DEFAULT_LOCALE = 'en';

export function readMessages(locale: string): Messages {
  return JSON.parse(readFileSync(join(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

/** Every locale but the default one, by folder name (es_419, fr, pt_BR…). */
export function translations(): string[] {
  return readdirSync(LOCALES_DIR)
    .filter((locale) => locale !== DEFAULT_LOCALE)
    .sort();
}

/** The placeholders a message uses, sorted: "$2 of $1" → ["$1", "$2"]. `$$` is a literal dollar. */
export function placeholders(message: string): string[] {
  return [...new Set(message.replace(/\$\$/g, '').match(/\$[1-9]/g) ?? [])].sort();
}

export interface TranslationProblems {
  /** English keys the translation lacks: the browser would show English there. */
  missing: string[];
  /** Keys English no longer has. */
  extra: string[];
  /** Keys whose placeholders differ from English's, or whose text is empty. */
  mismatched: string[];
}

export function compareTranslation(english: Messages, translated: Messages): TranslationProblems {
  const keys = Object.keys(english);
  const present = keys.filter((key) => key in translated);
  return {
    missing: keys.filter((key) => !(key in translated)),
    extra: Object.keys(translated).filter((key) => !(key in english)),
    mismatched: present.filter(
      (key) =>
        translated[key]!.message.trim() === '' ||
        placeholders(translated[key]!.message).join() !== placeholders(english[key]!.message).join(),
    ),
  };
}

/** The product's source files (not tests): where a message key must appear as a string literal. */
function sourceFiles(dir = join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|[/\\]testing\.ts$/.test(path) ? [path] : [];
  });
}

/**
 * English keys nothing uses: no `'key'` or `"key"` literal in src/ (outside tests)
 * and no `__MSG_key__` in the manifest. A key built at run time from pieces would
 * count as unused: the code names each key whole, so this check can see it.
 */
export function unusedKeys(
  english: Messages,
  texts = [...sourceFiles(), join(ROOT, 'manifest.json')].map((path) => readFileSync(path, 'utf8')),
): string[] {
  const used = new Set<string>();
  for (const text of texts) {
    for (const [, , key] of text.matchAll(/(['"`])(\w+)\1/g)) used.add(key!);
    for (const [, key] of text.matchAll(/__MSG_(\w+)__/g)) used.add(key!);
  }
  return Object.keys(english).filter((key) => !used.has(key));
}
