/**
 * Shows a value the wallet read (an email, a domain, a name) for what it is,
 * so a look-alike cannot pass for the customer's own (docs/security-model.md
 * 3.3): invisible and direction-changing characters become visible `\u` escapes,
 * `xn--` labels are decoded, and words that mix scripts are flagged. Pure.
 */
export type TextConcern =
  | { kind: 'hidden-characters' }
  | { kind: 'punycode'; label: string }
  | { kind: 'mixed-scripts'; scripts: string[] };

export interface RevealedText {
  text: string;
  concerns: TextConcern[];
}

/** Format and control characters (bidi overrides and isolates, zero-width joiners, BOM, soft hyphen…): never meant to be seen. */
const HIDDEN = /[\p{Cf}\p{Cc}\p{Zl}\p{Zp}]/gu;
const PUNYCODE_LABEL = /(?<![\p{L}\p{N}-])xn--[a-z0-9-]+/giu;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
/** Scripts a look-alike letter is usually borrowed from; Han, Hiragana and Katakana mix in ordinary Japanese, so count as one. */
const SCRIPTS: Array<[string, RegExp]> = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Hebrew', /\p{Script=Hebrew}/u],
  ['Arabic', /\p{Script=Arabic}/u],
  ['Devanagari', /\p{Script=Devanagari}/u],
  ['Thai', /\p{Script=Thai}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Japanese', /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u],
];

const asEscape = (char: string) => `\\u${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

// RFC 3492's parameters for IDNA.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;

function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / 700) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  for (; d > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) d = Math.floor(d / (BASE - T_MIN));
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + 38));
}

function digitOf(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 22; // 0-9 → 26-35
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41;
  return BASE;
}

/** The Unicode a punycode label (without `xn--`) stands for (RFC 3492 decoding), or null when it is not valid punycode. */
export function decodePunycode(input: string): string | null {
  const delimiter = Math.max(input.lastIndexOf('-'), 0);
  const output = [...input.slice(0, delimiter)].map((char) => char.codePointAt(0)!);
  let n = 128;
  let i = 0;
  let bias = 72;
  for (let pos = delimiter > 0 ? delimiter + 1 : 0; pos < input.length; ) {
    const before = i;
    for (let w = 1, k = BASE; ; k += BASE) {
      const digit = pos < input.length ? digitOf(input.charCodeAt(pos++)) : BASE;
      if (digit >= BASE || i > 0x7fffffff) return null;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      w *= BASE - t;
    }
    bias = adapt(i - before, output.length + 1, before === 0);
    n += Math.floor(i / (output.length + 1));
    i %= output.length + 1;
    if (n > 0x10ffff) return null;
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

function scriptsOf(word: string): string[] {
  return SCRIPTS.filter(([, pattern]) => pattern.test(word)).map(([name]) => name);
}

export function revealText(value: string): RevealedText {
  const concerns: TextConcern[] = [];
  const text = value.replace(PUNYCODE_LABEL, (label) => {
    concerns.push({ kind: 'punycode', label });
    return decodePunycode(label.slice(4).toLowerCase()) ?? label;
  });
  const mixed = new Set<string>();
  for (const [word] of text.matchAll(WORD)) {
    const scripts = scriptsOf(word);
    if (scripts.length > 1) for (const script of scripts) mixed.add(script);
  }
  if (mixed.size > 0) concerns.push({ kind: 'mixed-scripts', scripts: [...mixed] });
  const shown = text.replace(HIDDEN, asEscape);
  if (shown !== text) concerns.push({ kind: 'hidden-characters' });
  return { text: shown, concerns };
}
