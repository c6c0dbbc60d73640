/**
 * `npm run bench` (after `npm run build`): core in Node, weight of dist/, then the
 * built extension in Chromium and in Firefox ESR; prints one table to stdout (progress goes to
 * stderr) and writes bench/results.json. See bench/README.md.
 *
 *   --profile          also record CPU profiles of the service worker (bench/profiles/);
 *                      the browser part then runs an unminified Chrome build, rebuilt minified at the end
 *   --rounds=N         browser rounds (default 5); core uses N + 2
 *   --idle=N           requests timed after 30 s idle, per browser (default 2; 0 skips them)
 *   --only=core,weight,browser
 *   --browsers=chromium,firefox
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { type BrowserResult, runBrowserBench, startBenchPages } from './browser.bench.ts';
import { type CoreResult, runCoreBench } from './core.bench.ts';
import { formatProfiles, formatReport } from './report.ts';
import { BENCH_BROWSERS, type BenchBrowserName } from './support/browsers.ts';
import { BROWSER_LABELS, evaluateTargets } from './targets.ts';
import { type BuildWeight, runWeightBench } from './weight.bench.ts';

const ROOT = join(import.meta.dirname, '..');
const started = performance.now();
const args = process.argv.slice(2);
const flag = (name: string) => args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const profile = flag('profile') !== undefined;
const rounds = Number(flag('rounds')?.split('=')[1] ?? 5);
const idleSamples = Number(flag('idle')?.split('=')[1] ?? 2);
const only = new Set((flag('only')?.split('=')[1] ?? 'core,weight,browser').split(','));
const browserNames = (flag('browsers')?.split('=')[1] ?? BENCH_BROWSERS.join(',')).split(',') as BenchBrowserName[];
const unknownBrowser = browserNames.find((name) => !BENCH_BROWSERS.includes(name));
if (unknownBrowser) throw new Error(`--browsers: unknown browser ${unknownBrowser} (known: ${BENCH_BROWSERS.join(', ')})`);
const log = (line: string) => process.stderr.write(`${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}\n`);

function git(...argv: string[]): string {
  try {
    return execFileSync('git', argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function viteBuild(...extra: string[]): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--mode', 'chrome', ...extra], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}

const errors: string[] = [];
let core: CoreResult | undefined;
let weight: Record<'chrome' | 'firefox', BuildWeight> | undefined;
const browsers: Partial<Record<BenchBrowserName, BrowserResult>> = {};

if (only.has('core')) {
  log('core: stamping and bundle opening in Node…');
  const t = performance.now();
  try {
    core = await runCoreBench({ rounds: rounds + 2, sliceMs: 250 });
  } catch (error) {
    errors.push(`core failed: ${(error as Error).stack ?? error}`);
  }
  log(`core: ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

if (only.has('weight')) {
  try {
    weight = runWeightBench(join(ROOT, 'dist'));
  } catch (error) {
    errors.push(`weight failed (run npm run build first): ${(error as Error).message}`);
  }
}

if (only.has('browser')) {
  const server = await startBenchPages();
  try {
    for (const name of browserNames) {
      log(`browser: ${BROWSER_LABELS[name]} with dist/${name === 'chromium' ? 'chrome' : 'firefox'}…`);
      const t = performance.now();
      const profiling = profile && name === 'chromium';
      try {
        if (profiling) viteBuild('--minify', 'false'); // readable function names in the profiles
        browsers[name] = await runBrowserBench(name, server, {
          rounds,
          countC1: 300,
          countC32: 640,
          openSessionSamples: 2,
          coldStartSamples: 7,
          memorySignatures: 1000,
          idleSamples,
          promptSamples: 7,
          profile: profiling,
          log,
        });
      } catch (error) {
        errors.push(`${name} failed: ${(error as Error).stack ?? error}`);
      } finally {
        if (profiling) viteBuild();
      }
      log(`browser: ${BROWSER_LABELS[name]} ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  } finally {
    await server.close();
  }
}

const targets = evaluateTargets(core, browsers, weight);
const durationMs = performance.now() - started;
const cpu = cpus();
const commit = `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ' (+uncommitted changes)' : ''}`;
const meta = {
  date: new Date().toISOString(),
  commit,
  node: process.version,
  cpus: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
  browsers:
    Object.values(browsers)
      .map((b) => b.userAgent.match(/(?:Headless)?Chrome\/[\d.]+|Firefox\/[\d.]+/)?.[0])
      .join(', ') || 'not run',
  rounds,
  durationSeconds: Math.round(durationMs / 100) / 10,
};

const header = [
  `GRID WALLET AUTHENTICATOR, npm run bench   ${meta.date}`,
  `commit ${meta.commit} · node ${meta.node} · ${meta.cpus} · ${meta.browsers} · ${rounds} rounds (core ${rounds + 2}) · ${meta.durationSeconds} s${profile ? ' · PROFILE MODE (unminified chrome build)' : ''}`,
];
console.log(formatReport({ header, core, browsers, weight, targets, errors }));
if (browsers.chromium?.profiles) console.log(formatProfiles(browsers.chromium.profiles));

writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ meta, targets, core, browsers, weight, errors }, null, 2)}\n`);
log(`wrote bench/results.json in ${meta.durationSeconds} s`);
process.exitCode = errors.length ? 1 : 0;
