import { describe, expect, it } from 'vitest';
import { passkeyRpId } from './passkeyRpId.ts';

describe('passkeyRpId', () => {
  it("is the site's registrable domain, by the whole Public Suffix List", async () => {
    expect(await passkeyRpId('https://app.example.com')).toBe('example.com');
    expect(await passkeyRpId('https://example.com')).toBe('example.com');
    expect(await passkeyRpId('https://a.b.shop.example.co.uk:8443')).toBe('example.co.uk');
    // A private-section suffix (each user's pages are their own site), never the suffix itself.
    expect(await passkeyRpId('https://ada.github.io')).toBe('ada.github.io');
  });

  it('is localhost for the development origins, and nothing for an IP address or a public suffix', async () => {
    expect(await passkeyRpId('http://localhost:5173')).toBe('localhost');
    expect(await passkeyRpId('http://127.0.0.1:8788')).toBeUndefined();
    expect(await passkeyRpId('https://[::1]')).toBeUndefined();
    expect(await passkeyRpId('https://github.io')).toBeUndefined();
    expect(await passkeyRpId('http://example.com')).toBeUndefined();
  });
});
