import type { BrowserResult } from './browser.bench.ts';
import type { CoreResult } from './core.bench.ts';
import type { Summary } from './stats.ts';
import { BROWSER_LABELS, type TargetResult } from './targets.ts';
import type { BuildWeight } from './weight.bench.ts';
import { BENCH_BROWSERS, type BenchBrowserName } from './support/browsers.ts';
import type { ProfileSummary } from './support/profile.ts';

/** The one table `npm run bench` prints. Every "median [min–max]" is over rounds. */

const W = 68;

const LABELS: Record<string, string> = {
  extension: 'extension: grid_signPayload',
  noop: 'no-op floor: wallet_status, unconnected tab',
  iframe: 'iframe peer: key in a cross-origin iframe',
  'ours-in-page': 'ours-in-page (diagnostic floor)',
};

function num(v: number, digits: number): string {
  return v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function cell(s: Summary | undefined, digits = 2, unit = ''): string {
  if (!s) return '—';
  return `${num(s.median, digits)}${unit}  [${num(s.min, digits)}–${num(s.max, digits)}]`;
}

function row(label: string, ...cols: string[]): string {
  return `  ${label.padEnd(W)}${cols.join('   ')}`;
}

const BUILDS: Record<BenchBrowserName, string> = { chromium: 'dist/chrome', firefox: 'dist/firefox' };

/** Section 2 for one browser: the same lines in each; what one cannot measure says n/a and why. */
function formatBrowser(name: BenchBrowserName, browser: BrowserResult | undefined): string[] {
  const out: string[] = [
    `2${name === 'chromium' ? 'a' : 'b'}. BROWSER, ${BROWSER_LABELS[name]} + ${BUILDS[name]}, page under a signing grant: latency in ms`,
  ];
  if (!browser) return [...out, '  (not run)', ''];
  out.push(row('', 'p50 / p95 / p99 (medians)        p50 [min–max]           calls/s [min–max]'));
  for (const [level, stats] of [
    ['c=1 ', browser.c1],
    ['c=32', browser.c32],
  ] as const) {
    for (const [name, s] of Object.entries(stats)) {
      const label = LABELS[name] ?? `in-page ${name}`;
      const pct = `${num(s.p50.median, 3)} / ${num(s.p95.median, 3)} / ${num(s.p99.median, 3)}`;
      out.push(row(`${level} ${label}`, pct.padEnd(32), `[${num(s.p50.min, 3)}–${num(s.p50.max, 3)}]`.padEnd(22), cell(s.throughput, 0)));
    }
  }
  out.push(row('extension / no-op floor, p50 c=1', cell(browser.floorRatioP50, 2, '×')));
  out.push(row('extension / iframe peer, p50 c=1', cell(browser.iframeRatioP50, 2, '×')));
  out.push(row('extension / iframe peer, calls/s c=32', cell(browser.iframeThroughputRatioC32, 2, '×')));
  out.push(row(`extension / ${browser.baseline} (no isolation), p50 c=1`, cell(browser.isolationRatioP50, 1, '×')));
  out.push(row('grid_openSession (legacy bundle), ms', cell(browser.openSessionMs.extension, 2)));
  out.push(row('  in-page decryptCredentialBundle, ms', cell(browser.openSessionMs.turnkeyInPage, 2)));
  const cold = browser.cold;
  if (cold) {
    out.push(row('first stamp after a stopped worker (cold), ms', `${cell(cold.coldStartMs, 1)}   (stopped by: ${cold.stoppedBy})`));
    out.push(row("  browser's worker start: a bare extension's first answer, same stop, ms", cell(cold.bareColdMs, 1)));
    out.push(row('    request → our worker timeOrigin, ms', cell(cold.workerStartMs, 1)));
    out.push(row('    bare worker: timeOrigin → its first line, ms', cell(cold.bareFirstLineMs, 1)));
    out.push(row("  ours: cold − the bare extension's, ms", cell(cold.coldOursMs, 1)));
    out.push(row('    our worker: timeOrigin → main.ts runs, ms', cell(cold.coldModuleLoadMs, 1)));
    out.push(row('  the next (warm) stamp, ms', cell(cold.warmAfterColdMs, 2)));
    out.push(row('  ours / warm, per sample', cell(cold.coldOursRatio, 1, '×')));
  } else out.push(row('first stamp after a stopped worker (cold)', `n/a: ${browser.notMeasured.cold}`));
  const restarted = `(worker had stopped in ${browser.idleWorkerRestarted}/${browser.idleMs?.runs.length})`;
  out.push(row('first stamp after 30 s idle, ms', browser.idleMs ? `${cell(browser.idleMs, 1)}   ${restarted}` : '—'));
  out.push(row('prompts (p50 / p95 ms over samples)', 'request → painted       click → answer at the page'));
  for (const [kind, p] of Object.entries(browser.prompts)) {
    const pair = (s: { p50: number; p95: number }) => `${num(s.p50, 1)} / ${num(s.p95, 1)}`;
    out.push(row(`  ${kind}: "${p.heading}", ${p.button}`, pair(p.visibleMs).padEnd(22), pair(p.answerMs)));
  }
  for (const [kind, p] of Object.entries(browser.prompts)) {
    out.push(row(`    ${kind}: of which request → window's document starts`, `${num(p.openedMs.p50, 1)} / ${num(p.openedMs.p95, 1)}`));
  }
  for (const [kind, p] of Object.entries(browser.prompts)) {
    out.push(row(`    ${kind}: request → heading polled (upper bound)`, `${num(p.seenMs.p50, 1)} / ${num(p.seenMs.p95, 1)}`));
  }
  const blank = browser.blankWindowMs;
  out.push(
    row(
      "  browser's floor: a static popup window, create → loaded",
      blank ? `${num(blank.p50, 1)} / ${num(blank.p95, 1)}` : `n/a: ${browser.notMeasured.blankWindow}`,
    ),
  );
  const m = browser.memory;
  out.push(
    m
      ? row(
          `service worker JS heap after GC: before → after ${m.signatures.toLocaleString('en-US')} stamps`,
          `${num(m.heapBeforeBytes / 1024, 0)} KiB → ${num(m.heapAfterBytes / 1024, 0)} KiB (heap total ${num(m.totalAfterBytes / 1024, 0)} KiB)`,
        )
      : row('background JS heap after GC', `n/a: ${browser.notMeasured.memory}`),
  );
  if (!browser.crossOriginIsolated) out.push('  ! the bench page was not cross-origin isolated: in-page timings have coarse resolution');
  out.push('');
  return out;
}

export function formatReport(input: {
  header: string[];
  core?: CoreResult;
  browsers: Partial<Record<BenchBrowserName, BrowserResult>>;
  weight?: Record<'chrome' | 'firefox', BuildWeight>;
  targets: TargetResult[];
  errors: string[];
}): string {
  const { core, browsers, weight, targets } = input;
  const out: string[] = [...input.header, ''];

  out.push('1. CORE, Node: operations per second, one in flight  (median [min–max] over rounds)');
  if (core) {
    for (const [name, s] of Object.entries(core.stampsPerSecond)) {
      out.push(row(`stamps/s  ${name === 'ours' ? 'ours: buildStamp, non-extractable key' : name}`, cell(s, 0)));
    }
    out.push(row(`ratio ours / ${core.fastestTurnkeyStamper} (fastest Turnkey)`, cell(core.stampRatio, 2, '×')));
    for (const [name, s] of Object.entries(core.opensPerSecond)) {
      out.push(row(`opens/s   ${name === 'ours' ? 'ours: openSessionBundle' : name}`, cell(s, 0)));
    }
    out.push(row('ratio ours / decryptCredentialBundle', cell(core.openRatio, 2, '×')));
  } else out.push('  (not run)');
  out.push('');

  for (const name of BENCH_BROWSERS) out.push(...formatBrowser(name, browsers[name]));

  out.push('3. WEIGHT: gzip -9 of what each part loads (entry + static imports), KB = 1000 bytes');
  if (weight) {
    out.push(row('', 'chrome'.padStart(9), 'firefox'.padStart(9), '  files (chrome)'));
    for (const part of Object.keys(weight.chrome)) {
      const c = weight.chrome[part]!;
      const f = weight.firefox[part];
      out.push(
        row(
          part,
          num(c.gzipBytes / 1000, 1).padStart(9),
          (f ? num(f.gzipBytes / 1000, 1) : '—').padStart(9),
          `  ${c.files.length} file(s)${c.lazy.length ? `, +${c.lazy.length} lazy` : ''}`,
        ),
      );
    }
  } else out.push('  (not run)');
  out.push('');

  out.push('TARGETS (bench/targets.ts): verdict on the median; "noisy" = the min–max range crosses the line');
  const reasons: string[] = [];
  for (const t of targets) {
    const note = t.reason ? ` (${reasons.includes(t.reason) ? reasons.indexOf(t.reason) + 1 : reasons.push(t.reason)})` : '';
    const verdict = t.pass === null ? `${t.value === null ? 'n/a' : 'info'}${note}` : t.pass ? 'PASS' : 'MISS';
    out.push(row(t.target, t.measured.padEnd(28), `${verdict}${t.noisy ? ' (noisy)' : ''}`));
  }
  const judged = targets.filter((t) => t.pass !== null);
  out.push(`  ${judged.filter((t) => t.pass).length}/${judged.length} targets met (n/a and info lines have no verdict)`);
  for (const [k, reason] of reasons.entries()) out.push(`  (${k + 1}) ${reason}`);
  for (const e of input.errors) out.push(`  ! ${e}`);
  return out.join('\n');
}

export function formatProfiles(profiles: Record<string, ProfileSummary>): string {
  const out: string[] = ['', 'SERVICE WORKER CPU PROFILES (--profile; open the .cpuprofile files in DevTools › Performance)'];
  for (const [name, p] of Object.entries(profiles)) {
    out.push(`  ${name}: ${num(p.wallMs, 0)} ms sampled, JS thread idle ${num(p.idleShare * 100, 1)}%  (${p.file})`);
    out.push('    self time:');
    for (const f of p.self.slice(0, 10)) out.push(`      ${num(f.ms, 1).padStart(8)} ms ${num(f.share * 100, 1).padStart(5)}%  ${f.fn}`);
    out.push('    inclusive time:');
    for (const f of p.inclusive.slice(0, 12))
      out.push(`      ${num(f.ms, 1).padStart(8)} ms ${num(f.share * 100, 1).padStart(5)}%  ${f.fn}`);
  }
  return out.join('\n');
}
