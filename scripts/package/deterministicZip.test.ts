import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { normaliseZip } from './deterministicZip.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('normaliseZip', () => {
  it('gives the same bytes for the same files whatever their order and times', () => {
    const early = zipSync({
      'b.js': [text('b'), { mtime: new Date('2024-01-01') }],
      'a/c.json': [text('{}'), { mtime: new Date('2024-01-02') }],
    });
    const late = zipSync({
      'a/c.json': [text('{}'), { mtime: new Date('2026-12-02') }],
      'b.js': [text('b'), { mtime: new Date('2026-12-03') }],
    });
    expect(early).not.toEqual(late);
    expect(normaliseZip(early)).toEqual(normaliseZip(late));
  });

  it('keeps every file and its content, sorted by path', () => {
    const files = unzipSync(normaliseZip(zipSync({ 'z.txt': text('last'), 'dir/': new Uint8Array(), 'a.txt': text('first') })));
    expect(Object.keys(files)).toEqual(['a.txt', 'z.txt']);
    expect(new TextDecoder().decode(files['z.txt'])).toBe('last');
  });

  it('differs when a file differs', () => {
    expect(normaliseZip(zipSync({ 'a.txt': text('1') }))).not.toEqual(normaliseZip(zipSync({ 'a.txt': text('2') })));
  });
});
