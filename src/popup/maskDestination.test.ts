import { describe, expect, it } from 'vitest';
import { maskDestination } from './maskDestination.ts';

describe('maskDestination', () => {
  it('keeps the first letter and the domain of an email', () => {
    expect(maskDestination('jane@example.com')).toBe('j•••@example.com');
    expect(maskDestination(' a.very.long.name@mail.example.org ')).toBe('a•••@mail.example.org');
  });

  it('keeps the country code and the last three digits of a phone number, whatever its length', () => {
    expect(maskDestination('+64 21 555 0000')).toBe('+64•••••000');
    expect(maskDestination('+1 (415) 555-0123')).toBe('+14•••••123');
  });

  it('gives little away for anything short', () => {
    expect(maskDestination('12345')).toBe('•••45');
    expect(maskDestination('1')).toBe('•••');
  });
});
