import { describe, expect, it } from 'vitest';
import { compareTranslation, DEFAULT_LOCALE, type Messages, placeholders, readMessages, translations, unusedKeys } from './check.ts';

/** The extension's own languages, held to English (docs/translating.md). */
const english = readMessages(DEFAULT_LOCALE);

it('speaks Spanish (Latin America), Brazilian Portuguese and French beside English', () => {
  expect(translations()).toEqual(['es_419', 'fr', 'pt_BR']);
});

it('uses every English message', () => {
  expect(unusedKeys(english)).toEqual([]);
});

describe.each(translations())('the %s translation', (locale) => {
  const problems = compareTranslation(english, readMessages(locale));
  // One expectation each, so a failure lists exactly the keys to translate, drop or fix.
  it('has every English key', () => expect(problems.missing).toEqual([]));
  it('has no key English lacks', () => expect(problems.extra).toEqual([]));
  it("keeps each message's placeholders, with some text", () => expect(problems.mismatched).toEqual([]));
});

describe('the check itself', () => {
  const en: Messages = { a: { message: 'A' }, b: { message: '$1 of $2' }, c: { message: 'Costs $$5' } };

  it('names missing, extra and mismatched keys', () => {
    expect(compareTranslation(en, { b: { message: '$1 sur $1' }, c: { message: ' ' }, z: { message: 'Z' } })).toEqual({
      missing: ['a'],
      extra: ['z'],
      mismatched: ['b', 'c'],
    });
    expect(compareTranslation(en, { a: { message: 'Á' }, b: { message: '$2 de $1' }, c: { message: 'Coûte $$5' } })).toEqual({
      missing: [],
      extra: [],
      mismatched: [],
    });
  });

  it('reads placeholders, not literal dollars', () => {
    expect(placeholders('$2 of $1, $1 again, $$3')).toEqual(['$1', '$2']);
  });

  it('counts a key as used when the code or the manifest names it whole', () => {
    expect(unusedKeys(en, ["t('a')", '"name": "__MSG_c__"'])).toEqual(['b']);
    expect(unusedKeys(en, ['const key = `b`;'])).toEqual(['a', 'c']);
  });
});
