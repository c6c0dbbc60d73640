import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The sealing code stays out of Firefox's event page until first use (sealing.ts, docs/architecture.md §3): only
 * sealing.ts may import it, and the rest of the background reaches it through loadSealing(). A static import elsewhere
 * would build and pass every other test while quietly putting HPKE back on the cold stamp's path.
 */
const BACKGROUND = import.meta.dirname;
const SEALING_NAMES = [
  'openSessionBundle',
  'encryptOtpBundle',
  'parseTargetBundle',
  'openExportBundle',
  'parseExportBundle',
  'hpkeSeal',
  'hpkeOpen',
];
const SEALING_FILES = ['hpke', 'sessionBundle', 'otpBundle', 'exportBundle'];

function productFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return productFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.(test|fixture)\.tsx?$/.test(entry.name) && entry.name !== 'testBackground.ts' ? [path] : [];
  });
}

/** Every `import … from '…'` (type-only ones left out) of a file: what it names, and from where. */
function valueImports(source: string): Array<{ names: string[]; from: string }> {
  return [...source.matchAll(/import\s+(?!type\b)([\s\S]*?)\s+from\s+'([^']+)'/g)].map(([, clause, from]) => ({
    names: [...clause!.matchAll(/(?<!type\s)\b([A-Za-z_$][\w$]*)\b(?=\s*[,}]|\s*$)/g)].map((m) => m[1]!),
    from: from!,
  }));
}

describe('the sealing code is loaded through loadSealing()', () => {
  it('no background module but sealing.ts imports it', () => {
    const offenders = productFiles(BACKGROUND)
      .filter((file) => !file.endsWith('/sealing.ts'))
      .flatMap((file) =>
        valueImports(readFileSync(file, 'utf8'))
          .filter(
            ({ names, from }) =>
              (from === '@grid-wallet/core' && names.some((name) => SEALING_NAMES.includes(name))) ||
              SEALING_FILES.some((name) => from === `@grid-wallet/core/${name}`) ||
              /(^|\/)sealing\.ts$/.test(from),
          )
          .map(({ from }) => `${relative(BACKGROUND, file)} imports from ${from}`),
      )
      .filter((line) => !line.startsWith('loadSealing.ts imports from ./sealing.ts')); // Chrome's static loader
    expect(offenders).toEqual([]);
  });

  it("Firefox's loader imports it on first use", () => {
    expect(readFileSync(join(BACKGROUND, 'loadSealing.firefox.ts'), 'utf8')).toMatch(/return import\('\.\/sealing\.ts'\)/);
  });
});
