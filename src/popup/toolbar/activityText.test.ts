import { useLocale } from '../testI18n.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { activityEntryTitle } from './activityText.ts';

const entry = (kind: string, title = '') => ({ at: 0, origin: 'https://shop.example', kind, title });

describe('activity entries in words', () => {
  afterEach(() => useLocale('en'));

  it("says a wallet export in the customer's language, not as its internal name", () => {
    expect(activityEntryTitle(entry('wallet-exported', 'ACTIVITY_TYPE_EXPORT_WALLET'))).toBe('Showed the recovery phrase');
    useLocale('fr');
    expect(activityEntryTitle(entry('wallet-exported', 'ACTIVITY_TYPE_EXPORT_WALLET'))).toBe('Phrase de récupération affichée');
    expect(activityEntryTitle(entry('passkey-created', 'Work laptop'))).toBe('Clé d’accès Work laptop créée');
  });
});
