import { describe, expect, it } from 'vitest';
import { nextVersion } from './bump.ts';

describe('nextVersion', () => {
  it('bumps one part and resets the ones after it', () => {
    expect(nextVersion('1.4.9', 'patch')).toBe('1.4.10');
    expect(nextVersion('1.4.9', 'minor')).toBe('1.5.0');
    expect(nextVersion('1.4.9', 'major')).toBe('2.0.0');
  });

  it('takes an explicit version that comes later, compared part by part', () => {
    expect(nextVersion('0.9.0', '0.10.0')).toBe('0.10.0');
    expect(() => nextVersion('0.10.0', '0.9.0')).toThrow('not after the current version 0.10.0');
    expect(() => nextVersion('0.1.0', '0.1.0')).toThrow('not after');
  });

  it('refuses what a browser manifest would not take', () => {
    expect(() => nextVersion('0.1.0', '0.2.0-beta.1')).toThrow('not a major.minor.patch version');
    expect(() => nextVersion('0.1.0', 'v0.2.0')).toThrow('not a major.minor.patch version');
    expect(() => nextVersion('0.1', 'patch')).toThrow('"0.1" is not');
  });
});
