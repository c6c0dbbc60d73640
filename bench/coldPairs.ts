/**
 * `npx tsx bench/coldPairs.ts <buildA> <buildB> [--pairs=3] [--samples=7] [--browsers=chromium,firefox] [--bare=<dir>]`
 *
 * The cold first stamp of two builds side by side: each build is a directory holding chrome/ and firefox/ (a copy
 * of dist/ after `npm run build`). Runs alternate A, B, then B, A, so drift on a shared box falls on both; each run
 * is the bench's cold phase alone (bench/browser.bench.ts, `coldSamplesOf`), in a fresh browser. Prints each run's
 * p50s and, per build, the p50 over all its samples. One ratio is what issue 19 sets: (cold − the bare extension's
 * cold) ÷ the warm stamp after it, ≤ 4×. Writes nothing.
 *
 * Two aids to finding where a cold start's time goes (bench/README.md, "What Firefox's cold start is made of"):
 * - each run's line is followed by the medians of the worker's performance marks, in ms after its timeOrigin, so a
 *   build copy with `performance.mark()` calls added is split at each of them;
 * - `--bare=<dir>` puts another floor extension in the bare one's place (bench/bareExtension, whose gecko id it must
 *   keep): the bare worker with more code, say, or with the wallet's API calls, to see what each costs the browser.
 */
import { resolve } from 'node:path';
import { coldSamplesOf, coldStart, type StopSample, startBenchPages } from './browser.bench.ts';
import { summarize } from './stats.ts';
import { BENCH_BROWSERS, type BenchBrowserName } from './support/browsers.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const builds = args.filter((a) => !a.startsWith('--')).map((dir) => resolve(dir));
if (builds.length !== 2) throw new Error('coldPairs: name two builds, e.g. npx tsx bench/coldPairs.ts /tmp/before /tmp/after');
const pairs = Number(option('pairs', '3'));
const samples = Number(option('samples', '7'));
const bareExtension = args.some((a) => a.startsWith('--bare=')) ? resolve(option('bare', '')) : undefined;
const browserNames = option('browsers', BENCH_BROWSERS.join(',')).split(',') as BenchBrowserName[];
const quiet = () => undefined;

/** The worker's marks, each a median over the run's samples, in the order they were set. */
const marksLine = (s: StopSample[]) => {
  const names = Object.entries(s[0]!.worker.marks)
    .sort(([, a], [, b]) => a - b)
    .map(([name]) => name);
  const median = (name: string) => summarize(s.map((sample) => sample.worker.marks[name] ?? Number.NaN)).median.toFixed(1);
  return `  marks, ms after timeOrigin: ${names.map((name) => `${name} ${median(name)}`).join(' | ')}`;
};

const line = (label: string, s: StopSample[]) => {
  const cold = coldStart('', s);
  return `${label}: ours ÷ warm ${cold.coldOursRatio.median.toFixed(1)}×, ours ${cold.coldOursMs.median.toFixed(1)} ms, warm ${cold.warmAfterColdMs.median.toFixed(2)} ms, main.ts ran ${cold.coldModuleLoadMs.median.toFixed(1)} ms after timeOrigin (the bare worker's first line ${cold.bareFirstLineMs.median.toFixed(1)}; cold ${cold.coldStartMs.median.toFixed(1)} ms, the bare extension's ${cold.bareColdMs.median.toFixed(1)}) (${s.length} samples)`;
};

const server = await startBenchPages();
try {
  for (const browser of browserNames) {
    const all: StopSample[][] = builds.map(() => []);
    const perRun: number[][] = builds.map(() => []);
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? [0, 1] : [1, 0];
      for (const which of order) {
        const taken = await coldSamplesOf(browser, server, { dist: builds[which]!, bareExtension }, samples, quiet);
        if (!taken.length) throw new Error(`${browser}: no cold sample from ${builds[which]}`);
        all[which]!.push(...taken);
        perRun[which]!.push(coldStart('', taken).coldOursRatio.median);
        console.log(`${browser} pair ${pair + 1} ${line('AB'[which]!, taken)}`);
        console.log(marksLine(taken));
      }
    }
    for (const [k, build] of builds.entries()) {
      const runs = perRun[k]!.map((r) => r.toFixed(1)).join(', ');
      console.log(
        `${browser} ${line(`${'AB'[k]} ${build}`, all[k]!)}; per run ${runs}; p50 of run p50s ${summarize(perRun[k]!).median.toFixed(1)}×`,
      );
    }
  }
} finally {
  await server.close();
}
