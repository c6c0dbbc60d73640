import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256HexOfText, sha256OfText } from './textDigest.ts';

describe('sha256OfText', () => {
  it("matches Node's SHA-256 of the text's UTF-8, as bytes and as hex", async () => {
    for (const text of ['', 'abc', '{"type":"ACTIVITY_TYPE_SIGN_TRANSACTION_V2"}', 'Señal ✓ 𝄞']) {
      const expected = createHash('sha256').update(text, 'utf8').digest();
      expect(Buffer.from(await sha256OfText(text))).toEqual(expected);
      expect(await sha256HexOfText(text)).toBe(expected.toString('hex'));
    }
  });
});
