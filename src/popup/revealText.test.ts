import { domainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodePunycode, revealText } from './revealText.ts';

describe('revealText', () => {
  it('leaves ordinary values alone, whatever their script', () => {
    for (const value of ['ada@example.com', 'Müller', 'Иван Петров', '山田 たろう カタカナ', 'wallet_abc123', 'card key 2']) {
      expect(revealText(value), value).toEqual({ text: value, concerns: [] });
    }
  });

  it('flags an email written with a Cyrillic "а" among Latin letters', () => {
    expect(revealText('ada@ex\u0430mple.com')).toEqual({
      text: 'ada@ex\u0430mple.com',
      concerns: [{ kind: 'mixed-scripts', scripts: ['Latin', 'Cyrillic'] }],
    });
  });

  it('makes bidi controls and invisible characters visible as escapes', () => {
    expect(revealText('ada@example.com\u202Emoc.live')).toEqual({
      text: 'ada@example.com\\u202Emoc.live',
      concerns: [{ kind: 'hidden-characters' }],
    });
    expect(revealText('ad\u200Ba\u2066@x.com\u0000').text).toBe('ad\\u200Ba\\u2066@x.com\\u0000');
  });

  it('decodes xn-- labels and flags them, then judges the decoded letters', () => {
    expect(revealText('ada@xn--mnchen-3ya.de')).toEqual({
      text: 'ada@münchen.de',
      concerns: [{ kind: 'punycode', label: 'xn--mnchen-3ya' }],
    });
    // "аррӏе" in Cyrillic, which looks like "apple"; mixed with Latin in one label it is flagged twice.
    expect(revealText('XN--80AK6AA92E.com').text).toBe('аррӏе.com');
    expect(revealText('pay.xn--pple-43d.com')).toEqual({
      text: 'pay.\u0430pple.com',
      concerns: [
        { kind: 'punycode', label: 'xn--pple-43d' },
        { kind: 'mixed-scripts', scripts: ['Latin', 'Cyrillic'] },
      ],
    });
    // Not valid punycode: shown as written, still flagged.
    expect(revealText('xn--a!.com').concerns[0]).toEqual({ kind: 'punycode', label: 'xn--a' });
  });
});

describe('decodePunycode', () => {
  it("decodes RFC 3492's and IDNA's examples", () => {
    expect(decodePunycode('bcher-kva')).toBe('bücher');
    expect(decodePunycode('80ak6aa92e')).toBe('аррӏе');
    expect(decodePunycode('ihqwcrb4cv8a8dqg056pqjye')).toBe('他们为什么不说中文');
    expect(decodePunycode('abc-')).toBe('abc');
  });

  it("agrees with Node's own IDNA decoder (an independent implementation)", () => {
    const labels = ['bcher-kva', '80ak6aa92e', 'mnchen-3ya', 'caf-dma', '1caqmypyo', 'ls8h', 'p1ai', 'e1afmkfd'];
    for (const label of labels) {
      expect(decodePunycode(label), label).toBe(domainToUnicode(`xn--${label}`));
    }
  });

  it('refuses what is not punycode', () => {
    expect(decodePunycode('a!')).toBeNull();
    expect(decodePunycode('99999999999999999')).toBeNull();
  });
});
