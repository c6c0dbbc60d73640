import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import manifest from '../../../manifest.json' with { type: 'json' };
import { GECKO_ID as KIT_GECKO_ID } from '../../playwright/src/launch.ts';
import { chromeExtensionId, DEVELOPMENT_GECKO_ID, firefoxWebAuthnOrigin, STORE_GECKO_ID, webauthnOriginOf } from './extensionOrigins.ts';

/** Independent of the code under test: node:crypto and a lookup string instead of char arithmetic. */
const nibbleLetters = (bytes: Buffer) => [...bytes.toString('hex')].map((h) => 'abcdefghijklmnop'[Number.parseInt(h, 16)]).join('');

describe('extension origins for WebAuthn', () => {
  it('Chrome: the id the manifest key pins, as Chromium itself reported it when it loaded the build', () => {
    expect(chromeExtensionId(manifest.key)).toBe('dljlcnjpmbacdnbgbmhbihhihjmmcmen');
  });

  it('Firefox: moz-extension:// and the SHA-256 of the gecko id in letters a–p (64 of them)', () => {
    for (const id of [DEVELOPMENT_GECKO_ID, STORE_GECKO_ID]) {
      const expected = nibbleLetters(createHash('sha256').update(id).digest());
      expect(firefoxWebAuthnOrigin(id)).toBe(`moz-extension://${expected}`);
    }
    expect(KIT_GECKO_ID, 'the kit installs the development build under its id').toBe(DEVELOPMENT_GECKO_ID);
    // As Firefox ESR 153 wrote it into clientDataJSON when an add-on with the store id claimed "localhost".
    expect(firefoxWebAuthnOrigin(STORE_GECKO_ID)).toBe('moz-extension://oneikofhpjgcfleadacmmjbjcolhdafcnljlfpffefnjnfihkimopkahmifecdla');
  });

  it('the running extension: its own origin in Chrome, the add-on id’s in Firefox (not the per-profile UUID)', () => {
    expect(webauthnOriginOf('chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen', 'dljlcnjpmbacdnbgbmhbihhihjmmcmen')).toBe(
      'chrome-extension://dljlcnjpmbacdnbgbmhbihhihjmmcmen',
    );
    expect(webauthnOriginOf('moz-extension://6b1f4d0e-8a51-4c2e-9f3a-2d7c9e5b4a10', DEVELOPMENT_GECKO_ID)).toBe(
      firefoxWebAuthnOrigin(DEVELOPMENT_GECKO_ID),
    );
  });
});
