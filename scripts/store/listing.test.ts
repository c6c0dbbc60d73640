import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extensionLocales, parseListing, readListing, requestedAccess, STORE_DIR } from './listing.ts';

/** The listings against what the extension is: its manifest and its messages, in every language it speaks. */
const ROOT = join(import.meta.dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8'));
const messages = (locale: string) =>
  JSON.parse(readFileSync(join(ROOT, 'public', '_locales', locale, 'messages.json'), 'utf8')) as Record<string, { message: string }>;

/** Chrome Web Store: the summary is the manifest's description, at most 132 characters. */
const CHROME_SUMMARY_MAX = 132;

describe.each(extensionLocales())('the store listing in %s', (locale) => {
  it('and its privacy policy exist', () => {
    expect(existsSync(join(STORE_DIR, locale, 'listing.md'))).toBe(true);
    expect(existsSync(join(STORE_DIR, locale, 'privacy-policy.md'))).toBe(true);
  });

  it("names the extension and sums it up in the manifest's words, short enough for the stores", async () => {
    const listing = await readListing(locale);
    expect(listing.name).toBe(messages(locale).extensionName!.message);
    expect(listing.summary).toBe(messages(locale).extensionDescription!.message);
    expect(listing.summary.length).toBeLessThanOrEqual(CHROME_SUMMARY_MAX);
  });

  it('justifies exactly the permissions and host patterns the manifest asks for', async () => {
    const listing = await readListing(locale);
    const requested = requestedAccess(manifest);
    expect([...listing.permissions.keys()].sort()).toEqual(requested.permissions.sort());
    expect([...listing.hostPatterns.keys()].sort()).toEqual(requested.hostPatterns.sort());
    for (const why of [...listing.permissions.values(), ...listing.hostPatterns.values()]) expect(why.length).toBeGreaterThan(20);
  });

  it('captions each store screenshot', async () => {
    const captions = (await readListing(locale)).screenshots;
    expect([...captions.keys()]).toEqual(['connect', 'sign', 'passkey', 'toolbar']);
    for (const caption of captions.values()) expect(caption).not.toBe('');
  });
});

describe('reading a listing', () => {
  const LISTING = [
    '# x',
    '## Name',
    'Wallet',
    '## Summary',
    'Keeps keys.',
    '## Permissions',
    '| permission | why |',
    '|---|---|',
    '| `storage` | the queue |',
    '## Host patterns',
    '| pattern | why |',
    '|---|---|',
    '| `https://*/*` | any site |',
    '## Screenshots',
    '| screenshot | caption |',
    '|---|---|',
    '| `connect` | Connect. |',
  ].join('\n');

  it('takes sections by heading and tables by their first column', () => {
    const listing = parseListing(LISTING);
    expect(listing.name).toBe('Wallet');
    expect(listing.permissions).toEqual(new Map([['storage', 'the queue']]));
    expect(listing.hostPatterns).toEqual(new Map([['https://*/*', 'any site']]));
    expect(listing.screenshots).toEqual(new Map([['connect', 'Connect.']]));
  });

  it('says which section is missing', () => {
    expect(() => parseListing(LISTING.replace('## Host patterns', '## Hosts'))).toThrow('no "## Host patterns" section');
  });

  it('counts content-script matches and host permissions as host patterns, once each', () => {
    expect(
      requestedAccess({
        permissions: ['storage'],
        host_permissions: ['https://grid.example/*'],
        content_scripts: [{ matches: ['https://*/*'] }, { matches: ['https://*/*'] }],
      }),
    ).toEqual({ permissions: ['storage'], hostPatterns: ['https://grid.example/*', 'https://*/*'] });
  });
});
