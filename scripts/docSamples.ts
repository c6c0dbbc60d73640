/**
 * The code samples of the README and docs, as a reader copies them: every fenced
 * ```ts, ```tsx and ```js block of the markdown files below. A sample is complete
 * (imports what it uses, by the published package names) unless an HTML comment on
 * the line before its fence names what it assumes, `<!-- sample: page quote -->`:
 * then each docs/samples/<context>.ts declares that (the transport, the wallet, a
 * quote…) and is read before it. scripts/docSamples.test.ts type-checks each one and runs
 * the `node` ones; scripts/testInstalledPackages.ts runs the others but `fragment`s.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export interface DocSample {
  /** `docs/integrator-guide.md:49`: where the fence opens. */
  readonly where: string;
  readonly lang: 'ts' | 'tsx' | 'js';
  readonly code: string;
  /** The contexts its comment names (docs/samples/<context>.ts), read in order before it. */
  readonly contexts?: readonly string[];
}

const FENCE = /^```(ts|tsx|js)\s*$/;
const CONTEXT = /^<!--\s*sample:\s*([a-z -]+?)\s*-->\s*$/;

export function extractSamples(markdown: string, file: string): DocSample[] {
  const lines = markdown.split('\n');
  const samples: DocSample[] = [];
  for (let i = 0; i < lines.length; i++) {
    const lang = FENCE.exec(lines[i]!)?.[1] as DocSample['lang'] | undefined;
    if (!lang) continue;
    const end = lines.findIndex((line, j) => j > i && line.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${i + 1}: the code fence is never closed`);
    const contexts = CONTEXT.exec(lines[i - 1] ?? '')?.[1]?.split(/\s+/);
    samples.push({ where: `${file}:${i + 1}`, lang, code: lines.slice(i + 1, end).join('\n'), ...(contexts && { contexts }) });
    i = end;
  }
  return samples;
}

/** README.md, docs/*.md, and each package's and example's README. */
export async function docFiles(): Promise<string[]> {
  const inDir = async (dir: string) =>
    (await readdir(join(ROOT, dir))).filter((name) => name.endsWith('.md')).map((name) => join(dir, name));
  const packages = (await readdir(join(ROOT, 'packages'))).map((name) => join('packages', name, 'README.md'));
  return ['README.md', ...(await inDir('docs')), ...packages, 'examples/demo/README.md'];
}

export async function allSamples(): Promise<DocSample[]> {
  const samples: DocSample[] = [];
  for (const file of await docFiles())
    samples.push(...extractSamples(await readFile(join(ROOT, file), 'utf8'), relative(ROOT, join(ROOT, file))));
  return samples;
}
