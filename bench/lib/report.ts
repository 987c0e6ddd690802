/** Turns the measures into table rows (figure, target, pass/fail) and prints them. */

import { FIRST_LOAD_MAX_GZIP_BYTES } from '../../test/support/dashboardBundle.ts';
import {
  type BrowserResult,
  type BrowserStopSeries,
  type BuildResult,
  RHYTHM_WISHES,
  type RhythmResult,
  WISHES,
  type WishesResult,
} from '../measures/browser.ts';
import type { BundleResult } from '../measures/bundle.ts';
import type { ChecksResult } from '../measures/checks.ts';
import type { HttpResult } from '../measures/http.ts';
import type { RssResult } from '../measures/rss.ts';
import type { SseResult, SseSeries } from '../measures/sse.ts';
import type { StopResult } from '../measures/stop.ts';
import { fmtInt, fmtMs, type Summary } from './stats.ts';

export interface Row {
  section: string;
  name: string;
  figure: string;
  target: string;
  /** null: reference figure, no target. */
  pass: boolean | null;
}

export interface BenchResults {
  http?: HttpResult;
  stop?: StopResult;
  sse?: SseResult;
  rss?: RssResult;
  browser?: BrowserResult;
  builds?: BuildResult[];
  rhythm?: RhythmResult;
  checks?: ChecksResult;
  bundle?: BundleResult;
  /** Measures that threw, by name. */
  errors: Record<string, string>;
}

const HTTP_MIN_RATIO = 0.25;
const HTTP_MAX_P99_MS = 10;
const STOP_TARGETS: Record<string, number> = { test_cooperative: 1000, test_ignore_abort: 3000 };
const SSE_MAX_P95_MS = 100;
const RSS_MAX_MB = 120;
const WISHES_MAX_MS = 60_000;
/** The Raspberry Pi 4 budget for a run: server + run process + Chromium. */
const BROWSER_RSS_MAX_MB = 600;
const BROWSER_STOP_MAX_P95_MS = 1000;
/** LinkedIn's new design (sdui, message box in an iframe) against the default one. */
const SDUI_MAX_RATIO = 1.5;
/** Server RSS growth over the session checks (they run in a child process). */
const CHECKS_MAX_GROWTH_MB = 15;

const spread = (s: Summary) => `p50 ${fmtMs(s.p50)} · p95 ${fmtMs(s.p95)} · max ${fmtMs(s.max)}`;

function issues(parts: [number, string][]): string {
  const found = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return found.length ? ` (${found.join(', ')})` : '';
}

function httpRows(http: HttpResult): Row[] {
  const rows: Row[] = [];
  for (const [i, t] of http.targets.entries()) {
    const bad = issues([
      [t.non2xx, 'non-2xx'],
      [t.errors, 'errors'],
      [t.timeouts, 'timeouts'],
    ]);
    const latency = `p50 ${t.latency.p50} ms · p99 ${t.latency.p99} ms`;
    if (i === 0) {
      rows.push({
        section: 'HTTP',
        name: t.name,
        figure: `${fmtInt(t.requestsPerSec)} req/s · ${latency}${bad}`,
        target: 'reference',
        pass: null,
      });
      continue;
    }
    rows.push({
      section: 'HTTP',
      name: `${t.name}: throughput`,
      figure: `${fmtInt(t.requestsPerSec)} req/s = ${(t.ratioToBare * 100).toFixed(1)} % of bare${bad}`,
      target: `≥ ${HTTP_MIN_RATIO * 100} % of bare`,
      pass: t.ratioToBare >= HTTP_MIN_RATIO && bad === '',
    });
    rows.push({
      section: 'HTTP',
      name: `${t.name}: latency`,
      figure: latency,
      target: `p99 < ${HTTP_MAX_P99_MS} ms`,
      pass: t.latency.p99 < HTTP_MAX_P99_MS && bad === '',
    });
  }
  return rows;
}

function stopRows(stop: StopResult): Row[] {
  return stop.series.map((s) => {
    const limit = STOP_TARGETS[s.type] ?? 1000;
    const bad = issues([
      [s.failures.length, 'failed'],
      [s.wrongStatus, 'not "stopped"'],
      [s.helperLeaks, 'helper leaks'],
    ]);
    return {
      section: 'Stop',
      name: `${s.type} (n=${s.summary.n})`,
      figure: `${spread(s.summary)}${bad}`,
      target: `p95 < ${fmtMs(limit)}`,
      pass: s.summary.n > 0 && s.summary.p95 < limit && bad === '',
    };
  });
}

function sseRow(name: string, s: SseSeries, failures: number): Row {
  const bad = issues([
    [s.missing, 'missing'],
    [failures, 'failed iterations'],
  ]);
  return {
    section: 'SSE',
    name: `${name} (n=${s.summary.n})`,
    figure: `${spread(s.summary)}${bad}`,
    target: `p95 < ${SSE_MAX_P95_MS} ms`,
    pass: s.summary.n > 0 && s.summary.p95 < SSE_MAX_P95_MS && bad === '',
  };
}

function rssRows(rss: RssResult): Row[] {
  return rss.samples.map((s) => {
    const figure =
      s.rssMb === null
        ? (s.skipped ?? `error: ${s.error ?? 'unknown'}`)
        : `${s.rssMb.toFixed(1)} MB (peak ${s.peakMb?.toFixed(1)} MB, up in ${fmtMs(s.startupMs ?? Number.NaN)})`;
    return {
      section: 'RSS',
      name: `idle server, ${s.name}`,
      figure: s.stale ? `${figure} [dist/ older than src/: npm run build]` : figure,
      target: s.reference ? 'reference (dev)' : `< ${RSS_MAX_MB} MB`,
      pass: s.skipped || s.reference ? null : s.rssMb !== null && s.rssMb < RSS_MAX_MB,
    };
  });
}

const SCENARIOS: Record<BrowserStopSeries['scenario'], string> = {
  slow_navigation: 'stop during a slow navigation',
  sending: 'stop while sending',
  launch: 'stop during the browser launch',
};

const PHASES: Record<BrowserStopSeries['scenario'], string> = {
  slow_navigation: 'not mid-navigation',
  sending: 'not mid-run',
  launch: 'not mid-launch',
};

/** `default`, `sdui/iframe`: the design a 100-wish run was measured on. */
function designOf(w: WishesResult): string {
  const overlay = w.faults?.overlay;
  return typeof overlay === 'string' ? `${w.variant}/${overlay}` : w.variant;
}

/**
 * Why a 100-wish run gives no figure (null: it does): every birthday contact must have had
 * exactly one message, the sandbox says, and the run must have succeeded without skips or errors.
 */
function wishesFailure(w: WishesResult): string | null {
  const expected = w.reset.today ?? 0;
  const bad = issues([
    [w.sandboxMessages - w.distinctRecipients, 'duplicates'],
    [w.strays, 'to non-birthday contacts'],
    [w.skipped, 'skipped'],
    [w.errors, 'errors'],
  ]);
  if (w.status === 'succeeded' && !w.timedOut && w.delivered === expected && bad === '') return null;
  const why = [w.status, ...(w.timedOut ? ['stopped by the bench after the timeout'] : [])];
  if (w.runError) why.push(`${w.runError.code}: ${w.runError.message}`);
  return `${w.delivered} of ${expected} delivered (${why.join(', ')})${bad}`;
}

const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}× (${fmtMs(a)} / ${fmtMs(b)})`;

function wishesRows(w: WishesResult | undefined, error: string | undefined, design: string): Row[] {
  const expected = w?.reset.today ?? WISHES;
  const timed = design === 'default';
  const name = `${expected} wishes, ${w ? designOf(w) : design}: start → succeeded`;
  // The default design is held to the time target; sdui to its ratio to the default (below).
  const target = timed ? `< ${fmtMs(WISHES_MAX_MS)}` : `all ${expected} delivered`;
  if (!w) {
    return error ? [{ section: 'Browser', name, figure: `error: ${error}`, target, pass: false }] : [];
  }
  const failure = wishesFailure(w);
  const failed = `n/a: the run failed (${w.delivered} of ${expected} delivered)`;
  const m = w.memory;
  return [
    {
      section: 'Browser',
      name,
      figure: failure
        ? `FAILED: ${failure}`
        : `${fmtMs(w.totalMs)} (${w.status}, ${w.delivered}/${expected} delivered, the sandbox says)`,
      target,
      pass: failure === null && (!timed || w.totalMs < WISHES_MAX_MS),
    },
    {
      section: 'Browser',
      name: `per wish, ${designOf(w)} (n=${w.perWish.n})`,
      figure: failure ? failed : spread(w.perWish),
      target: 'reference',
      pass: failure ? false : null,
    },
    {
      section: 'Browser',
      name: `peak RSS, ${designOf(w)}: server + run + Chromium`,
      figure: failure
        ? failed
        : `${m.peakMb.toFixed(0)} MB (server ${m.peakByKindMb.server.toFixed(0)} · run ${m.peakByKindMb.run.toFixed(0)}` +
          ` · Chromium ${m.peakByKindMb.chromium.toFixed(0)}, ${m.processesAtPeak} processes; PSS ${m.peakPssMb.toFixed(0)} MB)`,
      target: `< ${BROWSER_RSS_MAX_MB} MB`,
      pass: failure === null && m.peakMb < BROWSER_RSS_MAX_MB,
    },
  ];
}

/** sdui against default: total time and per-wish p50, only between two complete runs. */
function sduiRatioRows(browser: BrowserResult): Row[] {
  const { wishes: base, sdui } = browser;
  if (!base && !sdui && !browser.wishesError && !browser.sduiError) return [];
  const missing = (w: WishesResult | undefined, error: string | undefined, design: string) =>
    !w
      ? `n/a: no ${design} run (${error ?? 'not measured'})`
      : wishesFailure(w)
        ? `n/a: the ${design} run failed`
        : null;
  const why = missing(sdui, browser.sduiError, 'sdui') ?? missing(base, browser.wishesError, 'default');
  const target = `≤ ${SDUI_MAX_RATIO}×`;
  const row = (what: string, a: number, b: number): Row => ({
    section: 'Browser',
    name: `sdui / default: ${what}`,
    figure: why ?? ratio(a, b),
    target,
    pass: why === null && a / b <= SDUI_MAX_RATIO,
  });
  return [
    row('total', sdui?.totalMs ?? Number.NaN, base?.totalMs ?? Number.NaN),
    row('per-wish p50', sdui?.perWish.p50 ?? Number.NaN, base?.perWish.p50 ?? Number.NaN),
  ];
}

function browserRows(browser: BrowserResult): Row[] {
  const rows: Row[] = [
    ...wishesRows(browser.wishes, browser.wishesError, 'default'),
    ...wishesRows(browser.sdui, browser.sduiError, 'sdui'),
    ...sduiRatioRows(browser),
  ];
  for (const s of browser.stop) {
    const bad = issues([
      [s.failures.length, 'failed'],
      [s.wrongStatus, 'not "stopped"'],
      [s.leaks, 'process leaks'],
      [s.offPhase, PHASES[s.scenario]],
    ]);
    rows.push({
      section: 'Browser',
      name: `${SCENARIOS[s.scenario]} (n=${s.summary.n})`,
      figure: `${spread(s.summary)}${bad}`,
      target: `p95 < ${fmtMs(BROWSER_STOP_MAX_P95_MS)}`,
      pass: s.summary.n > 0 && s.summary.p95 < BROWSER_STOP_MAX_P95_MS && bad === '',
    });
  }
  return rows;
}

/** Per Chromium build: the run's peak memory against the budget, and the time per wish. */
function chromiumBuildRows(builds: BuildResult[]): Row[] {
  return builds.flatMap(({ build, wishes: w, error }) => {
    const name = `${WISHES} wishes, ${build}`;
    if (!w) {
      const figure = `n/a: ${error ?? 'not measured'}`;
      return [{ section: 'Builds', name: `peak RSS, ${name}`, figure, target: '-', pass: null }];
    }
    const failure = wishesFailure(w);
    const failed = `n/a: the run failed (${failure})`;
    const m = w.memory;
    return [
      {
        section: 'Builds',
        name: `peak RSS, ${name}: server + run + Chromium`,
        figure: failure
          ? failed
          : `${m.peakMb.toFixed(0)} MB (Chromium ${m.peakByKindMb.chromium.toFixed(0)}; PSS ${m.peakPssMb.toFixed(0)} MB)`,
        target: `< ${BROWSER_RSS_MAX_MB} MB`,
        pass: failure === null && m.peakMb < BROWSER_RSS_MAX_MB,
      },
      {
        section: 'Builds',
        name: `per wish, ${build} (n=${w.perWish.n})`,
        figure: failure ? failed : `mean ${fmtMs(w.perWish.mean)} · ${spread(w.perWish)}`,
        target: 'reference',
        pass: failure ? false : null,
      },
    ];
  });
}

function checksRows(c: ChecksResult): Row[] {
  const bad = issues([
    [c.checks - c.valid, 'not 200 valid'],
    [c.processesLeft, 'processes left'],
  ]);
  const growth = `${c.growthMb >= 0 ? '+' : ''}${c.growthMb.toFixed(1)} MB`;
  const figure =
    `${c.beforeMb.toFixed(1)} → ${c.afterMb.toFixed(1)} MB (${growth}); ${c.valid}/${c.checks} valid${bad}` +
    (c.stale ? ' [dist/ older than src/: npm run build]' : '');
  return [
    {
      section: 'Checks',
      name: `server RSS: before → after ${c.checks} session checks`,
      figure,
      target: `growth < ${CHECKS_MAX_GROWTH_MB} MB`,
      pass: bad === '' && c.growthMb < CHECKS_MAX_GROWTH_MB,
    },
    {
      section: 'Checks',
      name: `session check: request → answer (n=${c.duration.n})`,
      figure: spread(c.duration),
      target: 'reference',
      pass: null,
    },
  ];
}

/** Per wish at each rhythm: reference figures (the human one is slow on purpose). */
function rhythmRows(r: RhythmResult): Row[] {
  return r.runs.flatMap((run): Row[] => {
    const failed = run.status !== 'succeeded' || run.messagesSent !== RHYTHM_WISHES;
    const outcome = failed ? ` [run ${run.status}, ${run.messagesSent}/${RHYTHM_WISHES} sent]` : '';
    return [
      {
        section: 'Rhythm',
        name: `per wish, ${run.profile} profile (n=${run.perWish.n})`,
        figure: `mean ${fmtMs(run.perWish.mean)} · ${spread(run.perWish)}${outcome}`,
        target: run.profile === 'human' ? 'reference (slow on purpose)' : 'reference',
        pass: failed ? false : null,
      },
      {
        section: 'Rhythm',
        name: `typing gaps, ${run.profile} (n=${run.typingGapMs.n} keys)`,
        figure: `${spread(run.typingGapMs)} · ${run.pauses} pauses ≥ 500 ms`,
        target: 'reference',
        pass: null,
      },
    ];
  });
}

export function buildRows(results: BenchResults): Row[] {
  const rows: Row[] = [];
  if (results.http) rows.push(...httpRows(results.http));
  if (results.stop) rows.push(...stopRows(results.stop));
  if (results.sse) {
    const failed = results.sse.failures.length;
    rows.push(sseRow('store change → "run" event', results.sse.runEvent, failed));
    rows.push(sseRow('store change → "status" event', results.sse.statusEvent, failed));
  }
  if (results.rss) rows.push(...rssRows(results.rss));
  if (results.checks) rows.push(...checksRows(results.checks));
  if (results.browser) rows.push(...browserRows(results.browser));
  if (results.builds) rows.push(...chromiumBuildRows(results.builds));
  if (results.rhythm) rows.push(...rhythmRows(results.rhythm));
  if (results.bundle) rows.push(bundleRow(results.bundle));
  for (const [measure, message] of Object.entries(results.errors)) {
    rows.push({ section: measure, name: 'measure failed', figure: message, target: '-', pass: false });
  }
  return rows;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function bundleRow(bundle: BundleResult): Row {
  return {
    section: 'Dashboard',
    name: 'overview first load, JS gzipped',
    figure: `${kb(bundle.gzipBytes)} (${kb(bundle.rawBytes)} raw, ${bundle.files.length} chunks)`,
    target: `< ${kb(FIRST_LOAD_MAX_GZIP_BYTES)}`,
    pass: bundle.gzipBytes < FIRST_LOAD_MAX_GZIP_BYTES,
  };
}

const FIGURE_MAX = 100;
const mark = (pass: boolean | null) => (pass === null ? '-' : pass ? '✔ pass' : '✘ FAIL');

/** A plain-text table: section, measure, figure, target, result. */
export function renderTable(rows: Row[]): string {
  const header = ['', 'Measure', 'Figure', 'Target', 'Result'];
  // The JSON keeps the full text; the table keeps to one reasonably short line per row.
  const oneLine = (text: string) => {
    const line = text.replace(/\s*\n\s*/g, ' ');
    return line.length > FIGURE_MAX ? `${line.slice(0, FIGURE_MAX - 1)}…` : line;
  };
  const cells = rows.map((r) => [r.section, r.name, oneLine(r.figure), r.target, mark(r.pass)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((v, i) => v.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  const out = [line(header), rule];
  let section = '';
  for (const [i, c] of cells.entries()) {
    if (i > 0 && rows[i]!.section !== section) out.push('');
    section = rows[i]!.section;
    out.push(line(c));
  }
  return out.join('\n');
}
