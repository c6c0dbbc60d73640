/**
 * Test-only: `chrome.i18n` backed by the real `_locales/en/messages.json`, with
 * Chrome's `$1`…`$9` substitution, so unit tests see the words users see and a
 * missing message fails loudly. Nothing in the product imports this file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const messages: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', '..', 'public', '_locales', 'en', 'messages.json'), 'utf8'),
);

function getMessage(key: string, substitutions: string[] = []): string {
  const entry = messages[key];
  if (!entry) throw new Error(`no message "${key}" in _locales/en/messages.json`);
  return entry.message.replace(/\$(\$|[1-9])/g, (_, which: string) => (which === '$' ? '$' : (substitutions[Number(which) - 1] ?? '')));
}

(globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage, getUILanguage: () => 'en-US' } };
