import { describe, expect, it } from 'vitest';
import { addEntry, changelogEntry, hasEntry } from './changelog.ts';

const CHANGELOG = '# Changelog\n\nWhat changed.\n\n## 0.1.0 (2026-12-07)\n\n- First release.\n';

describe('the changelog', () => {
  it("lists the commits' subjects under the version and date", () => {
    expect(changelogEntry('0.2.0', '2026-12-24', ['Prompts show the fee', 'Firefox: faster cold start'])).toBe(
      '## 0.2.0 (2026-12-24)\n\n- Prompts show the fee\n- Firefox: faster cold start\n',
    );
  });

  it('says so when nothing changed', () => {
    expect(changelogEntry('0.1.1', '2026-12-24', [])).toContain('- No changes since the previous release.');
  });

  it('puts the new entry above the newest one, under the introduction', () => {
    const updated = addEntry(CHANGELOG, changelogEntry('0.2.0', '2026-12-24', ['Prompts show the fee']));
    expect(updated).toBe(
      '# Changelog\n\nWhat changed.\n\n## 0.2.0 (2026-12-24)\n\n- Prompts show the fee\n\n## 0.1.0 (2026-12-07)\n\n- First release.\n',
    );
  });

  it('starts the list in a changelog without entries', () => {
    expect(addEntry('# Changelog\n', changelogEntry('0.1.0', '2026-12-07', ['a']))).toBe('# Changelog\n\n## 0.1.0 (2026-12-07)\n\n- a\n');
  });

  it('finds an entry by its exact version', () => {
    expect(hasEntry(CHANGELOG, '0.1.0')).toBe(true);
    expect(hasEntry(CHANGELOG, '0.1.1')).toBe(false);
    expect(hasEntry(CHANGELOG, '0.1')).toBe(false);
  });
});
