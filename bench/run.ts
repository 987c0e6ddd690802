/**
 * `npm run bench`: HTTP throughput, stop latency, SSE latency, idle RSS, the server's RSS
 * over 20 LinkedIn session checks, and the LinkedIn bots in a real browser (100 wishes on
 * the default design and on the sdui one, peak RSS, stop mid-action). Prints a table
 * and writes bench/results/<name>.json. Figures are reported against the targets, never
 * asserted: the exit code is 0 unless the bench itself breaks.
 *
 *   npm run bench -- --name before-cache --only http,sse --iterations 5
 *   npm run bench -- --only browser,checks
 *   npm run bench -- --only builds      # the headless shell against the full Chromium
 *   npm run bench -- --only rhythm      # time per wish at the human rhythm and at the fast one
 *   npm run bench -- --only bundle      # the dashboard's first-load JavaScript, gzipped
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { VERSION } from '../src/version.ts';
import { type BenchResults, buildRows, renderTable } from './lib/report.ts';
import { type BenchServer, startBenchServer } from './lib/server.ts';
import { fmtMs } from './lib/stats.ts';
import { progress } from './lib/wait.ts';
import {
  BROWSER_STOP_ITERATIONS,
  type BrowserResult,
  type BuildResult,
  measureBrowser,
  measureBuilds,
  measureRhythm,
  type RhythmResult,
  type WishesResult,
} from './measures/browser.ts';
import { measureBundle } from './measures/bundle.ts';
import { type ChecksResult, measureChecks } from './measures/checks.ts';
import { measureHttp } from './measures/http.ts';
import { measureRss } from './measures/rss.ts';
import { measureRuns } from './measures/stop.ts';

const MEASURES = ['http', 'stop', 'sse', 'rss', 'checks', 'browser', 'builds', 'rhythm', 'bundle'] as const;
type Measure = (typeof MEASURES)[number];
const SEED = { runs: 10_000, logs: 200_000, days: 90 };
const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

function options(): { name: string; only: Set<Measure>; iterations?: number } {
  const { values } = parseArgs({
    options: { name: { type: 'string' }, only: { type: 'string' }, iterations: { type: 'string' } },
  });
  const iterations = values.iterations === undefined ? undefined : Number(values.iterations);
  if (iterations !== undefined && !(Number.isInteger(iterations) && iterations > 0)) {
    throw new Error(
      `--iterations: a positive integer (stop/SSE runs per series, default 20; browser stop series, default ${BROWSER_STOP_ITERATIONS})`,
    );
  }
  const name = values.name ?? new Date().toISOString().replace(/[:.]/g, '-');
  if (!/^[\w.-]+$/.test(name))
    throw new Error(`--name: letters, digits, . _ - only (got ${JSON.stringify(name)})`);
  const only = new Set<Measure>();
  for (const m of (values.only ?? MEASURES.join(',')).split(',')) {
    if (!(MEASURES as readonly string[]).includes(m))
      throw new Error(`--only: unknown measure ${m} (${MEASURES.join(', ')})`);
    only.add(m as Measure);
  }
  return { name, only, iterations };
}

async function attempt<T>(
  results: BenchResults,
  measure: Measure,
  fn: () => Promise<T>,
): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    results.errors[measure] = err instanceof Error ? err.message : String(err);
    progress(`${measure} failed: ${results.errors[measure]}`);
    return undefined;
  }
}

function notes(results: BenchResults, server: BenchServer | undefined): string[] {
  const lines: string[] = [];
  if (server) {
    const { seed } = server;
    lines.push(
      `Store: SQLite, ${seed.runs.toLocaleString('en-US')} runs over ${SEED.days} days + ` +
        `${seed.logs.toLocaleString('en-US')} log lines, seeded in ${fmtMs(seed.ms)}; ` +
        `context + app ready in ${fmtMs(server.startupMs)}.`,
    );
  }
  if (results.http) {
    lines.push(
      `HTTP: autocannon, ${results.http.connections} connections, ${results.http.warmupS} s warm-up + ` +
        `${results.http.durationS} s per route, in a worker thread of this process (latency in whole ms).`,
    );
  }
  if (results.stop) {
    const startup = results.stop.series.map((s) => `${s.type} ${fmtMs(s.startToProgress.p50)}`).join(', ');
    lines.push(
      `Stop: grace before the hard kill ${fmtMs(results.stop.stopGraceMs)}; start → first progress p50: ${startup}.`,
    );
    for (const s of results.stop.series) for (const f of s.failures) lines.push(`  ${s.type} failure: ${f}`);
  }
  if (results.sse) {
    const by = (s: typeof results.sse.runEvent) =>
      Object.entries(s.byTransition)
        .map(([t, v]) => `${t} ${fmtMs(v.p95)}`)
        .join(', ');
    lines.push(
      `SSE p95 by transition: run event ${by(results.sse.runEvent)}; status event ${by(results.sse.statusEvent)}.`,
    );
    for (const f of results.sse.failures) lines.push(`  sse failure: ${f}`);
  }
  if (results.checks) lines.push(...checksNotes(results.checks));
  if (results.browser) lines.push(...browserNotes(results.browser));
  if (results.builds) lines.push(...buildsNotes(results.builds));
  if (results.rhythm) lines.push(...rhythmNotes(results.rhythm));
  if (results.bundle) {
    lines.push(
      `Bundle: the dashboard built into a temporary folder (${fmtMs(results.bundle.buildMs)}); first load = ` +
        `the entry chunk and its static imports (${results.bundle.files.join(', ')}), gzip level 9; ` +
        `${results.bundle.lazySources.length} pages in chunks of their own.`,
    );
  }
  return lines;
}

function rhythmNotes(r: RhythmResult): string[] {
  const lines = [
    `Rhythm: ${r.server.command} spawned (up in ${fmtMs(r.server.startupMs)}), one run per profile on the sdui ` +
      'design (box in the iframe), delays 0/0: only the rhythm counts; the default templates.',
  ];
  for (const run of r.runs) {
    lines.push(
      `  ${run.profile}: run ${run.status}${run.runError ? ` (${run.runError.code}: ${run.runError.message})` : ''}, ` +
        `${run.messagesSent} sent; start → first wish ${fmtMs(run.startToFirstWishMs ?? Number.NaN)}; ` +
        `start → end per wish ${fmtMs(run.totalPerWishMs)}; ${run.keys} keystrokes, typing gaps ` +
        `p50 ${fmtMs(run.typingGapMs.p50)} / p95 ${fmtMs(run.typingGapMs.p95)}, ${run.pauses} pauses ≥ 500 ms; ` +
        `${run.clicks} clicks, pointer moves before each: min ${run.minMovesBeforeClick ?? 'n/a'} / p50 ${run.movesBeforeClick.p50}.`,
    );
  }
  for (const f of r.failures) lines.push(`  rhythm failure: ${f}`);
  return lines;
}

function checksNotes(c: ChecksResult): string[] {
  const lines = [
    `Checks: ${c.command} spawned (up in ${fmtMs(c.startupMs)}${c.stale ? ', dist/ older than src/' : ''}) over the ` +
      `LinkedIn sandbox; session stored with PUT /api/linkedin/session; RSS read after a ${fmtMs(c.settleMs)} pause ` +
      `before the first check and after the last; peak (VmHWM) ${c.peakMb.toFixed(0)} MB; ` +
      `${c.processesLeft} processes left under the server.`,
    `  server RSS after each check, MB: ${c.afterEachMb.map((mb) => mb.toFixed(0)).join(' ')}; ` +
      `from the lowest of these to the last reading: ${c.fromLowestMb >= 0 ? '+' : ''}${c.fromLowestMb.toFixed(1)} MB ` +
      '(the first reading still holds start-up garbage that the first checks let V8 collect).',
  ];
  for (const f of c.failures) lines.push(`  check failure: ${f}`);
  return lines;
}

function wishesNotes(w: WishesResult): string[] {
  const r = w.reset;
  const outcomes = Object.entries(w.outcomeCounts)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const boxes = Object.entries(w.boxPlacements)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const faults = w.faults ? `dom_variant ${w.faults.dom_variant}, overlay ${w.faults.overlay}` : 'no faults';
  const lines = [
    `  wishes, ${w.variant} design: sandbox seed ${r.seed}, ${r.contacts} contacts, ${r.today} birthdays today, ` +
      `${r.late} late, ${faults}; ` +
      `start → first wish ${fmtMs(w.startToFirstWishMs ?? Number.NaN)}; run ${w.status}` +
      `${w.runError ? ` (${w.runError.code}: ${w.runError.message})` : ''}${w.timedOut ? ', stopped by the bench (timeout)' : ''}; ` +
      `${w.messagesSent} sent, ${w.skipped} skipped, ${w.errors} errors; mean per wish ${fmtMs(w.perWish.mean)}.`,
    `    the sandbox got ${w.sandboxMessages} messages for ${w.distinctRecipients} contacts: ${w.delivered} of the ` +
      `${r.today} birthdays, ${w.strays} to others; outcomes: ${outcomes || 'none'}; message boxes: ${boxes || 'none logged'}.`,
    `    ${w.browser ?? 'browser: not logged'}.`,
  ];
  const m = w.memory;
  lines.push(
    `    memory: summed VmRSS of the server and every descendant, every ${m.intervalMs} ms (${m.samples} samples); ` +
      `idle before the start ${m.idleMb.toFixed(0)} MB; up to ${m.maxProcesses} processes; ` +
      'RSS counts shared pages once per process, PSS shares them out.',
  );
  const procs = m.peakProcesses.map((p) => `${p.label} ${p.rssMb.toFixed(0)}/${p.pssMb?.toFixed(0) ?? '?'}`);
  lines.push(
    `    at the first wish ${m.atFirstWishMb?.toFixed(0) ?? 'n/a'} MB; at the peak, RSS/PSS MB: ${procs.join(', ')}.`,
  );
  for (const p of w.problems.slice(0, 10)) lines.push(`    run log: ${p}`);
  return lines;
}

function browserNotes(browser: BrowserResult): string[] {
  const { server, wishes: w } = browser;
  const lines = [
    `Browser: ${server.command} spawned (up in ${fmtMs(server.startupMs)}${server.stale ? ', dist/ older than src/' : ''}), ` +
      'runs forked from it driving Chromium against the LinkedIn sandbox (in this process), all over HTTP; ' +
      'delays 0/0, window 00:00–23:59.',
  ];
  if (server.died) {
    const last = server.died.output.trim().split('\n').slice(-3).join(' | ');
    lines.push(`  THE SERVER EXITED during the measures (${server.died.exit}): ${last || '(no output)'}`);
  }
  if (w) lines.push(...wishesNotes(w));
  if (browser.sdui) lines.push(...wishesNotes(browser.sdui));
  for (const s of browser.stop) {
    const detail = {
      slow_navigation: 'sandbox latency 5 s, stop 1 s after the run logged "browser started"',
      sending: `messages sent at the stop: ${s.sentAtStop.join(', ') || 'n/a'}`,
      launch: 'stop as soon as a Chromium process shows under the run',
    }[s.scenario];
    lines.push(
      `  stop ${s.scenario}: run final p50 ${fmtMs(s.toFinal.p50)} / p95 ${fmtMs(s.toFinal.p95)}, ` +
        `processes gone p50 ${fmtMs(s.toTreeGone.p50)} / p95 ${fmtMs(s.toTreeGone.p95)}; ` +
        `start → stop p50 ${fmtMs(s.startToStop.p50)}; ${s.treeSize.max} processes at the stop; ${detail}; ` +
        `browser profile dir left in TMPDIR after ${s.profilesLeft} of ${s.summary.n} stops.`,
    );
    for (const f of s.failures) lines.push(`    failure: ${f}`);
  }
  return lines;
}

function buildsNotes(builds: BuildResult[]): string[] {
  const lines = [
    "Builds: the default design's 100 wishes once per Chromium build, each on a server of its own.",
  ];
  for (const b of builds) {
    if (b.wishes) lines.push(`  ${b.build} (${b.path}):`, ...wishesNotes(b.wishes));
    else lines.push(`  ${b.build} (${b.path}): ${b.error ?? 'not measured'}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const { name, only, iterations } = options();
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const results: BenchResults = { errors: {} };
  const cleanups: (() => Promise<void>)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
  };
  process.once('SIGINT', () => {
    progress('interrupted: cleaning up');
    void cleanup().finally(() => process.exit(130));
  });

  let server: BenchServer | undefined;
  try {
    if (only.has('http') || only.has('stop') || only.has('sse')) {
      server = await startBenchServer(SEED);
      cleanups.push(() => server!.close());
      const s = server;
      if (only.has('http')) results.http = await attempt(results, 'http', () => measureHttp(s));
      if (only.has('stop') || only.has('sse')) {
        const sseUrl = only.has('sse') ? s.url : undefined;
        const runs = await attempt(results, only.has('stop') ? 'stop' : 'sse', () =>
          measureRuns(s.ctx, { stop: only.has('stop'), sseUrl, iterations }),
        );
        results.stop = runs?.stop;
        results.sse = runs?.sse;
        if (runs?.sseError) results.errors.sse = runs.sseError;
      }
      await cleanup();
    }
    if (only.has('bundle')) results.bundle = await attempt(results, 'bundle', () => measureBundle());
    if (only.has('rss')) results.rss = await attempt(results, 'rss', () => measureRss());
    if (only.has('checks')) {
      results.checks = await attempt(results, 'checks', () =>
        measureChecks({ onCleanup: (fn) => cleanups.push(fn) }),
      );
      await cleanup();
    }
    if (only.has('browser')) {
      results.browser = await attempt(results, 'browser', () =>
        measureBrowser({ iterations, onCleanup: (fn) => cleanups.push(fn) }),
      );
      await cleanup();
    }
    if (only.has('builds')) {
      results.builds = await attempt(results, 'builds', () =>
        measureBuilds({ onCleanup: (fn) => cleanups.push(fn) }),
      );
      await cleanup();
    }
    if (only.has('rhythm')) {
      results.rhythm = await attempt(results, 'rhythm', () =>
        measureRhythm({ onCleanup: (fn) => cleanups.push(fn) }),
      );
      await cleanup();
    }
  } finally {
    await cleanup();
  }

  const durationS = (Date.now() - startedAt.getTime()) / 1000;
  const rows = buildRows(results);
  const loadAfter = os.loadavg();
  const load = (l: number[]) => l.map((v) => v.toFixed(1)).join(' ');
  const title =
    `linkedin-birthday-bot ${VERSION} bench · ${startedAt.toISOString()} · node ${process.version} · ` +
    `${os.cpus().length} CPU · load ${load(loadBefore)} → ${load(loadAfter)} · ${durationS.toFixed(0)} s`;
  const footnotes = notes(results, server);
  process.stdout.write(
    `\n${title}\n\n${renderTable(rows)}\n${footnotes.length ? `\n${footnotes.join('\n')}\n` : ''}`,
  );

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const machine = {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? null,
    totalMemMb: Math.round(os.totalmem() / 2 ** 20),
    /** 1/5/15-minute load averages: other work on the machine skews every figure. */
    loadBefore,
    loadAfter,
  };
  const seed = server ? { ...SEED, ...server.seed, appStartupMs: server.startupMs } : null;
  const report = {
    name,
    version: VERSION,
    startedAt: startedAt.toISOString(),
    durationS,
    machine,
    seed,
    rows,
    results,
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nResults written to ${path.relative(process.cwd(), file)}\n`);
}

main().then(
  // Explicit exit: a stray keep-alive socket or timer must not keep the bench hanging.
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(
      `bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  },
);
