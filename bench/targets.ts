import type { BrowserResult } from './browser.bench.ts';
import type { CoreResult } from './core.bench.ts';
import type { Summary } from './stats.ts';
import type { BuildWeight } from './weight.bench.ts';

/**
 * The targets of issue 6. PASS/MISS is decided on the median; `noisy` says the
 * min–max range over rounds crosses the threshold (treat such a verdict as
 * provisional and re-run). Sizes are in KB = 1000 bytes, gzip level 9.
 */

export interface TargetResult {
  target: string;
  measured: string;
  threshold: number;
  value: number | null;
  pass: boolean | null;
  noisy: boolean;
}

type Cmp = '<=' | '<' | '>=';

function check(target: string, unit: string, cmp: Cmp, threshold: number, value: Summary | number | undefined, digits = 2): TargetResult {
  if (value === undefined) return { target, measured: 'not measured', threshold, value: null, pass: null, noisy: false };
  const s: Summary = typeof value === 'number' ? { median: value, min: value, max: value, relSpread: 0, runs: [value] } : value;
  const ok = (v: number) => (cmp === '<=' ? v <= threshold : cmp === '<' ? v < threshold : v >= threshold);
  const fmt = (v: number) => v.toFixed(digits);
  const range = s.min === s.max ? '' : ` [${fmt(s.min)}–${fmt(s.max)}]`;
  return {
    target,
    measured: `${fmt(s.median)}${unit}${range}`,
    threshold,
    value: s.median,
    pass: ok(s.median),
    noisy: ok(s.min) !== ok(s.max),
  };
}

export function evaluateTargets(
  core: CoreResult | undefined,
  browser: BrowserResult | undefined,
  weight: Record<'chrome' | 'firefox', BuildWeight> | undefined,
): TargetResult[] {
  const kb = (build: 'chrome' | 'firefox', part: string) => {
    const bytes = weight?.[build][part]?.gzipBytes;
    return bytes === undefined ? undefined : bytes / 1000;
  };
  return [
    check('Isolation ≤ 3× in-page stamping (p50, c=1)', '×', '<=', 3, browser?.isolationRatioP50, 1),
    check('Round trip < 2 ms (grid_signPayload p50, c=1)', ' ms', '<', 2, browser?.c1.extension?.p50),
    check('≥ 1,000 stamps/s at concurrency 32', '/s', '>=', 1000, browser?.c32.extension?.throughput, 0),
    check("Core stamping ≥ Turnkey's fastest (non-extractable)", '×', '>=', 1, core?.stampRatio),
    check('Bundle opening ≥ 1.5× @turnkey/crypto', '×', '>=', 1.5, core?.openRatio),
    check('First stamp after stopped worker ≤ 150 ms', ' ms', '<=', 150, browser?.coldStartMs, 1),
    check('Service worker ≤ 60 KB gz (Chrome)', ' KB', '<=', 60, kb('chrome', 'service worker'), 1),
    check('Service worker ≤ 60 KB gz (Firefox)', ' KB', '<=', 60, kb('firefox', 'service worker'), 1),
    check('Popup ≤ 40 KB gz (Chrome)', ' KB', '<=', 40, kb('chrome', 'popup'), 1),
    check('Popup ≤ 40 KB gz (Firefox)', ' KB', '<=', 40, kb('firefox', 'popup'), 1),
  ];
}
