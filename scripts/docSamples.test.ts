import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allSamples, type DocSample, extractSamples, ROOT } from './docSamples.ts';

/**
 * Every README/docs code sample type-checks as a reader would copy it, against the
 * packages' own sources under their published names (scripts/docSamples.ts says how a
 * sample names the context it assumes).
 */
const PACKAGES: Record<string, string> = {
  '@grid-wallet/sdk': 'packages/sdk/src/index.ts',
  '@grid-wallet/relay': 'packages/relay/src/index.ts',
  '@grid-wallet/react': 'packages/react/src/index.ts',
  '@grid-wallet/playwright': 'packages/playwright/src/index.ts',
  '@grid-wallet/emulator': 'packages/emulator/src/index.ts',
};

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  jsx: ts.JsxEmit.ReactJSX,
  jsxImportSource: 'react',
  types: ['node'],
  paths: Object.fromEntries(Object.entries(PACKAGES).map(([name, path]) => [name, [join(ROOT, path)]])),
};

/** One line per problem, `docs/guide.md:52: message`, counting lines from the fence. */
async function typeErrors(samples: readonly DocSample[], options: ts.CompilerOptions): Promise<string[]> {
  const files = new Map<string, { sample: DocSample; offset: number }>();
  const texts = new Map<string, string>();
  for (const [i, sample] of samples.entries()) {
    const contexts = sample.contexts ?? [];
    const preamble = (await Promise.all(contexts.map((name) => readFile(join(ROOT, 'docs/samples', `${name}.ts`), 'utf8')))).join('');
    // At the repository's root, as a reader runs it; a module of its own.
    const name = join(ROOT, `__doc_sample_${i}.${sample.lang === 'tsx' ? 'tsx' : 'ts'}`);
    texts.set(name, `${preamble}${sample.code}\nexport {};\n`);
    files.set(name, { sample, offset: preamble.split('\n').length - 1 });
  }
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile: read } = host;
  host.fileExists = (name) => texts.has(name) || fileExists(name);
  host.readFile = (name) => texts.get(name) ?? read(name);
  host.getSourceFile = (name, language, ...rest) => {
    const text = texts.get(name);
    return text === undefined ? getSourceFile(name, language, ...rest) : ts.createSourceFile(name, text, language, true);
  };
  const program = ts.createProgram([...texts.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const origin = diagnostic.file && files.get(diagnostic.file.fileName);
    if (!origin || diagnostic.start === undefined) return `${diagnostic.file?.fileName ?? '(program)'}: ${message}`;
    const line = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start).line - origin.offset;
    const [file, fence] = origin.sample.where.split(':');
    return `${file}:${Number(fence) + 1 + line}: ${message}`;
  });
}

/**
 * Runs a Node sample from a scratch folder under .tmp/ as a program (tsx), its package
 * names and root-relative paths pointed at this checkout's sources; it must exit 0.
 */
async function runNodeSample(sample: DocSample): Promise<void> {
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(join(ROOT, '.tmp', 'doc-sample-'));
  try {
    const code = sample.code
      .replace(/from '(@grid-wallet\/[a-z]+)'/g, (whole, name: string) => (PACKAGES[name] ? `from '${join(ROOT, PACKAGES[name])}'` : whole))
      .replace(/from '\.\//g, `from '${ROOT}/`);
    await writeFile(join(dir, 'sample.ts'), code);
    await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), [join(dir, 'sample.ts')], { cwd: ROOT, timeout: 30_000 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('documentation samples', () => {
  it('are found in each fenced block, with the context the comment before it names', () => {
    const markdown = [
      '# T',
      '```ts',
      'const a = 1;',
      '```',
      '<!-- sample: page quote -->',
      '```tsx',
      '<p />',
      '```',
      '```sh',
      'npm i',
      '```',
    ].join('\n');
    expect(extractSamples(markdown, 'x.md')).toEqual([
      { where: 'x.md:2', lang: 'ts', code: 'const a = 1;' },
      { where: 'x.md:6', lang: 'tsx', code: '<p />', contexts: ['page', 'quote'] },
    ]);
  });

  it('reports a sample that does not type-check at its line in the markdown', async () => {
    const [sample] = extractSamples('text\n\n```ts\nconst ok = 1;\nconst wrong: string = ok;\n```\n', 'x.md');
    expect(await typeErrors([sample!], OPTIONS)).toEqual([`x.md:5: Type 'number' is not assignable to type 'string'.`]);
  });

  it('type-check as written, TypeScript strictly, plain JavaScript without type annotations', async () => {
    const samples = await allSamples();
    expect(samples.length).toBeGreaterThan(10);
    const typed = samples.filter((sample) => sample.lang !== 'js');
    const plain = samples.filter((sample) => sample.lang === 'js');
    const errors = [...(await typeErrors(typed, OPTIONS)), ...(await typeErrors(plain, { ...OPTIONS, noImplicitAny: false }))];
    expect(errors).toEqual([]);
  }, 60_000);

  it('that are Node programs (<!-- sample: node -->) run and exit 0', async () => {
    const programs = (await allSamples()).filter((sample) => sample.contexts?.includes('node'));
    expect(programs.map((sample) => sample.where)).toEqual(['docs/emulator-internals.md:8', 'packages/emulator/README.md:27']);
    for (const sample of programs) await expect(runNodeSample(sample), sample.where).resolves.toBeUndefined();
  }, 60_000);
});
