/**
 * 5. The LinkedIn bots in a real browser: the real server spawned as its own process
 * (dist when built), runs forked from it driving Chromium against the LinkedIn sandbox.
 *
 *  - 100 birthday wishes in one run (zero delays): start request → run `succeeded`, the
 *    gaps between consecutive `sent` outcomes, and the peak summed RSS of the server, the
 *    run process and Chromium (all its processes) sampled every 200 ms. Twice: on the
 *    sandbox's default design, then on LinkedIn's new one (`dom_variant: "sdui"`, the
 *    message box in an iframe), each on a world of its own (another seed: the product
 *    never wishes a contact twice on the same day). The sandbox's own record of the
 *    messages tells how many birthday contacts really got theirs.
 *  - Stop latency in the middle of real browser actions: during a slow navigation (the
 *    sandbox answers after 5 s; the stop comes 1 s into the first navigation, once the run
 *    logged its browser as started), while sending (after the third message), and during
 *    the browser launch (as soon as a Chromium process shows). From the stop request to
 *    the run `stopped` and the run process and everything it started gone. The run's debug
 *    log lines tell afterwards whether the stop really fell in the intended phase.
 *
 * `measureBuilds` (the `builds` measure) runs the 100 wishes of the default design once per
 * Chromium build of Debian, each on a server of its own started with that CHROMIUM_PATH:
 * peak memory and time per wish of the headless shell against the full Chromium.
 */
import fs from 'node:fs';
import path from 'node:path';
import { anyAlive, commandLine, descendants, killRefs } from '../../src/runner/processGroup.ts';
import type { ResetOptions } from '../../src/sandbox/world.ts';
import { sleep, waitFor } from '../../test/support/waitFor.ts';
import { TreeSampler } from '../lib/procMemory.ts';
import {
  FINAL_STATUSES,
  type ProductStack,
  type RunWithOutcomes,
  startProductStack,
} from '../lib/productStack.ts';
import { round, type Summary, summarize } from '../lib/stats.ts';
import { progress } from '../lib/wait.ts';

export const BROWSER_STOP_ITERATIONS = 10;
export const WISHES = 100;
const CONTACTS = 300;
/** Enough for the 100-wish run plus the stop series on the same day. */
const LIMITS = { per_run: WISHES, daily: 1000, weekly: 5000 };
const SLOW_LATENCY_MS = 5000;
const SENT_BEFORE_STOP = 3;
const SAMPLE_INTERVAL_MS = 200;
/** A run still going after this is stopped, and reported with what it did by then. */
const WISHES_TIMEOUT_MS = 240_000;
const STOP_TIMEOUT_MS = 15_000;

const MB = 1024;

export interface WishesMemory {
  intervalMs: number;
  samples: number;
  /** Summed VmRSS of the server and all its descendants, before the start request. */
  idleMb: number;
  /** At the first `sent` outcome (browser up, birthday page loaded): what sending adds comes after. */
  atFirstWishMb: number | null;
  peakMb: number;
  /** Summed PSS at its own peak (shared pages counted once). */
  peakPssMb: number;
  /** Processes in the tree at the RSS peak, and the most seen at once. */
  processesAtPeak: number;
  maxProcesses: number;
  /** VmRSS at the peak, by process kind. */
  peakByKindMb: { server: number; run: number; chromium: number };
  /** Every process at the peak: VmRSS and PSS (MB). */
  peakProcesses: { label: string; rssMb: number; pssMb: number | null }[];
}

/** Which design a 100-wish run is measured on. */
export interface WishesVariant {
  /** `default`, or `sdui` (LinkedIn's new design, PAGES.md "The sdui design"). */
  name: string;
  seed: number;
  /** Sandbox faults set after the reset (null: none). */
  faults: Record<string, unknown> | null;
}

export const DEFAULT_WISHES: WishesVariant = { name: 'default', seed: 4242, faults: null };
/** Another seed: no slug in common with the default run's 100 birthdays (already wished today). */
export const SDUI_WISHES: WishesVariant = {
  name: 'sdui',
  seed: 4243,
  faults: { dom_variant: 'sdui', overlay: 'iframe' },
};

export interface WishesResult {
  variant: string;
  reset: Partial<ResetOptions>;
  /** The faults the sandbox reported after they were set (null: none set). */
  faults: Record<string, unknown> | null;
  status: string;
  /** The run's error, when it failed. */
  runError: { code: string; message: string } | null;
  /** Stopped by the bench after WISHES_TIMEOUT_MS. */
  timedOut: boolean;
  /** Start request → the run's `ended_at` (written when it became final). */
  totalMs: number;
  /** Start request → the first `sent` outcome (process fork, Chromium launch, first pages). */
  startToFirstWishMs: number | null;
  messagesSent: number;
  skipped: number;
  errors: number;
  sentOutcomes: number;
  /** The run's "browser started" log line: which Chromium, in which process model. */
  browser: string | null;
  /** Messages the sandbox received, and to how many distinct contacts. */
  sandboxMessages: number;
  distinctRecipients: number;
  /** Birthday-today contacts of the sandbox that received at least one message. */
  delivered: number;
  /** Messages to contacts without a birthday today (a catch-up card, a wrong recipient). */
  strays: number;
  /** The run's outcomes by `status` or `status:reason/error_code`. */
  outcomeCounts: Record<string, number>;
  /** The run's warn and error log lines (the newest 20 of each), oldest first. */
  problems: string[];
  /** Where the driver found each message box it opened (its debug lines: main, iframe, …). */
  boxPlacements: Record<string, number>;
  /** Summed VmRSS of each sample, MB, in order. */
  timelineMb: number[];
  /** Gaps between consecutive `sent` outcomes' timestamps. */
  perWishMs: number[];
  perWish: Summary;
  memory: WishesMemory;
}

export type StopScenario = 'slow_navigation' | 'sending' | 'launch';

export interface BrowserStopSeries {
  scenario: StopScenario;
  /** Stop request → run `stopped` and its process tree gone (the later of the two). */
  samplesMs: number[];
  summary: Summary;
  /** The two halves: stop request → run final as the API shows it; → last process gone. */
  toFinal: Summary;
  toTreeGone: Summary;
  /** Start request → the moment of the stop request (the run was then mid-action). */
  startToStop: Summary;
  /** Processes (run process + Chromium) in the tree at the stop request. */
  treeSize: Summary;
  /** `sending` only: the run's messages_sent when the stop was asked. */
  sentAtStop: number[];
  /** Iterations whose stop did not fall in the intended phase (per the run's debug log). */
  offPhase: number;
  /** Iterations after which the browser's profile dir was left in the temp dir (then removed). */
  profilesLeft: number;
  wrongStatus: number;
  /** Iterations whose process tree outlived the timeout (killed by the bench). */
  leaks: number;
  failures: string[];
}

export interface BrowserResult {
  server: {
    command: string;
    startupMs: number;
    stale: boolean;
    /** Set when the server exited during the measures: how, and its last output. */
    died?: { exit: string; output: string };
  };
  iterations: number;
  /** The 100-wish run on the default design. */
  wishes?: WishesResult;
  wishesError?: string;
  /** The same on the sdui design, message box in an iframe. */
  sdui?: WishesResult;
  sduiError?: string;
  stop: BrowserStopSeries[];
}

const resetFor = (seed: number): Partial<ResetOptions> => ({
  seed,
  contacts: CONTACTS,
  today: WISHES,
  late: 0,
  invitations: 0,
  locale: 'en',
});

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

async function finalRun(stack: ProductStack, runId: string, timeoutMs: number): Promise<RunWithOutcomes> {
  return waitFor(
    async () => {
      const run = await stack.run(runId);
      return FINAL_STATUSES.includes(run.status) ? run : null;
    },
    { intervalMs: 250, timeoutMs, what: `run ${runId} to end` },
  );
}

/** Stops whatever runs and waits until nothing is active (after a failed step). */
async function stopEverything(stack: ProductStack): Promise<void> {
  if ((await stack.activeRuns()).length === 0) return;
  await stack.stop().catch(() => {});
  await waitFor(async () => (await stack.activeRuns()).length === 0, {
    intervalMs: 100,
    timeoutMs: STOP_TIMEOUT_MS,
    what: 'active runs to end',
  });
}

async function measureWishes(stack: ProductStack, variant: WishesVariant): Promise<WishesResult> {
  const reset = resetFor(variant.seed);
  await stack.reset(reset);
  const faults = variant.faults ? await stack.faults(variant.faults) : null;
  if (variant.faults && faults) {
    for (const [key, value] of Object.entries(variant.faults)) {
      if (faults[key] !== value)
        throw new Error(
          `the sandbox did not take ${key}=${JSON.stringify(value)}: ${JSON.stringify(faults)}`,
        );
    }
  }
  const serverPid = stack.server.pid;
  const on = variant.faults ? ` (${JSON.stringify(variant.faults)})` : '';
  progress(
    `browser: ${WISHES} birthday wishes in one run, ${variant.name} design${on}; RSS sampled every ${SAMPLE_INTERVAL_MS} ms`,
  );
  const sampler = new TreeSampler(serverPid, SAMPLE_INTERVAL_MS);
  const idle = sampler.samples[0]!;
  let run: RunWithOutcomes;
  let timedOut = false;
  const startedAt = Date.now();
  try {
    const runId = await stack.start('birthday');
    try {
      run = await finalRun(stack, runId, WISHES_TIMEOUT_MS);
    } catch (err) {
      // Too long (or the API failed): stop it, then report what it did by then.
      await stopEverything(stack).catch(() => {});
      const after = await stack.run(runId).catch(() => null);
      if (!after || !FINAL_STATUSES.includes(after.status)) throw err;
      run = after;
      timedOut = true;
      progress(`browser: the ${variant.name} run did not end within ${WISHES_TIMEOUT_MS / 1000} s: stopped`);
    }
  } finally {
    sampler.stop();
  }
  const sent = run.outcomes
    .filter((o) => o.status === 'sent')
    .map((o) => Date.parse(o.ts))
    .sort((a, b) => a - b);
  const perWishMs = sent.slice(1).map((t, i) => t - sent[i]!);
  const messages = await stack.messages();
  const today = new Set(
    (await stack.contacts()).filter((c) => c.birthday_days_late === 0).map((c) => c.slug),
  );
  const recipients = new Set(messages.map((m) => m.to));
  const outcomeCounts: Record<string, number> = {};
  for (const o of run.outcomes) {
    const key = o.status === 'sent' ? 'sent' : `${o.status}:${o.error_code ?? o.reason ?? '?'}`;
    outcomeCounts[key] = (outcomeCounts[key] ?? 0) + 1;
  }
  const problems = [
    ...(await logLines(stack, run.id, 'warn', 20)),
    ...(await logLines(stack, run.id, 'error', 20)),
  ]
    .sort((a, b) => a.ts - b.ts)
    .map((l) => l.message);
  const debug = await debugLines(stack, run.id);
  const started = debug.find((l) => BROWSER_STARTED.test(l.message));
  const boxPlacements: Record<string, number> = {};
  for (const l of debug) {
    const placement = MESSAGE_BOX.exec(l.message)?.[1];
    if (placement) boxPlacements[placement] = (boxPlacements[placement] ?? 0) + 1;
  }
  const peak = sampler.peak!;
  const atFirstWish = sent.length ? sampler.samples.find((m) => m.wall >= sent[0]!) : undefined;
  return {
    variant: variant.name,
    reset,
    faults,
    status: run.status,
    runError: run.error ? { code: run.error.code, message: run.error.message } : null,
    timedOut,
    totalMs: Date.parse(run.ended_at ?? new Date().toISOString()) - startedAt,
    startToFirstWishMs: sent.length ? sent[0]! - startedAt : null,
    messagesSent: run.messages_sent,
    skipped: run.skipped,
    errors: run.errors,
    sentOutcomes: sent.length,
    browser: started?.message ?? null,
    sandboxMessages: messages.length,
    distinctRecipients: recipients.size,
    delivered: [...recipients].filter((slug) => today.has(slug)).length,
    strays: messages.filter((m) => !today.has(m.to)).length,
    outcomeCounts,
    problems,
    boxPlacements,
    timelineMb: sampler.samples.map((m) => Math.round(m.rssKb / MB)),
    perWishMs,
    perWish: summarize(perWishMs),
    memory: {
      intervalMs: SAMPLE_INTERVAL_MS,
      samples: sampler.samples.length,
      idleMb: round(idle.rssKb / MB),
      atFirstWishMb: atFirstWish ? round(atFirstWish.rssKb / MB) : null,
      peakMb: round(peak.rssKb / MB),
      peakPssMb: round(sampler.peakPssKb / MB),
      processesAtPeak: peak.processes,
      maxProcesses: sampler.maxProcesses,
      peakByKindMb: {
        server: round(peak.rssKbByKind.server / MB),
        run: round(peak.rssKbByKind.run / MB),
        chromium: round(peak.rssKbByKind.chromium / MB),
      },
      peakProcesses: peak.detail.map((p) => ({
        label: p.label,
        rssMb: round(p.rssKb / MB),
        pssMb: p.pssKb === null ? null : round(p.pssKb / MB),
      })),
    },
  };
}

const hasChromium = (serverPid: number) =>
  descendants(serverPid).some((p) => /chrom/i.test((commandLine(p.pid) ?? '').split(' ')[0] ?? ''));

/** The API's page size for logs (its maximum). */
const LOG_PAGE = 500;

/** The run's log lines of one level, oldest first: all of them (pages of 500), or the newest `limit`. */
async function logLines(
  stack: ProductStack,
  runId: string,
  level: 'debug' | 'warn' | 'error',
  limit = Number.POSITIVE_INFINITY,
): Promise<{ ts: number; message: string }[]> {
  const lines: { id: number; ts: number; message: string }[] = [];
  for (;;) {
    const want = Math.min(LOG_PAGE, limit - lines.length);
    const before = lines.length ? `&before=${lines.at(-1)!.id}` : '';
    const { logs } = await stack.api<{ logs: { id: number; ts: string; message: string }[] }>(
      'GET',
      `/api/logs?run_id=${runId}&level=${level}&limit=${want}${before}`,
    );
    lines.push(...logs.map((l) => ({ id: l.id, ts: Date.parse(l.ts), message: l.message })));
    if (logs.length < want || lines.length >= limit) break;
  }
  return lines.reverse().map(({ ts, message }) => ({ ts, message }));
}

/** The run's debug log lines (the LinkedIn client's: browser started, navigated to, …), oldest first. */
const debugLines = (stack: ProductStack, runId: string) => logLines(stack, runId, 'debug');

const BROWSER_STARTED = /^browser started/;
const NAVIGATED = /^navigated to/;
const MESSAGE_BOX = /^message box for \S+: (\w+)/;

interface StopSample {
  totalMs: number;
  toFinalMs: number;
  toTreeGoneMs: number;
  startToStopMs: number;
  treeSize: number;
  sentAtStop: number;
  status: string;
  leaked: boolean;
  offPhase: boolean;
  profileLeft: boolean;
}

const PROFILE = /^playwright_chromiumdev_profile-/;

/** Browser profile dirs in the server's temp dir (Playwright removes a profile when its browser closes). */
function profiles(stack: ProductStack): string[] {
  return fs.readdirSync(stack.tmpDir).filter((name) => PROFILE.test(name));
}

/** Polls the run until `ready` says it is where the stop must fall; fails if the run ends first. */
function runUntil<T>(
  stack: ProductStack,
  runId: string,
  what: string,
  ready: (run: RunWithOutcomes) => T | null | false | Promise<T | null | false>,
  intervalMs: number,
): Promise<T> {
  return waitFor(
    async () => {
      const run = await stack.run(runId);
      if (FINAL_STATUSES.includes(run.status)) {
        throw new Error(`run ${runId} ended ${run.status} (${run.messages_sent} sent) before ${what}`);
      }
      return run.status === 'running' ? ready(run) : null;
    },
    { intervalMs, timeoutMs: 60_000, what: `run ${runId} ${what}` },
  );
}

/** One start → mid-action → stop cycle on a freshly reset sandbox (new seed, new session). */
async function stopOnce(stack: ProductStack, scenario: StopScenario, seed: number): Promise<StopSample> {
  const serverPid = stack.server.pid;
  await stack.reset(resetFor(seed));
  if (scenario !== 'sending') await stack.faults({ latency_ms: SLOW_LATENCY_MS });
  const t0 = performance.now();
  const runId = await stack.start('birthday');
  let sentAtStop = 0;
  if (scenario === 'launch') {
    await runUntil(stack, runId, 'to start Chromium', () => hasChromium(serverPid), 10);
  } else if (scenario === 'slow_navigation') {
    await runUntil(
      stack,
      runId,
      'to have its browser started',
      async () => {
        const lines = hasChromium(serverPid) ? await debugLines(stack, runId) : [];
        return lines.some((l) => BROWSER_STARTED.test(l.message));
      },
      50,
    );
    // The first page (the birthday page) now takes the sandbox's 5 s: stop 1 s into it.
    await sleep(1000);
  } else {
    const run = await runUntil(
      stack,
      runId,
      `to send ${SENT_BEFORE_STOP} messages`,
      (r) => (r.messages_sent >= SENT_BEFORE_STOP ? r : null),
      25,
    );
    sentAtStop = run.messages_sent;
  }
  // The run process and everything it started (Chromium runs in a process group of its own).
  const tree = descendants(serverPid);
  const stopWall = Date.now();
  const stopAt = performance.now();
  await stack.stop(runId);
  let finalAt: number | undefined;
  let goneAt: number | undefined;
  let status = '';
  const deadline = stopAt + STOP_TIMEOUT_MS;
  while (finalAt === undefined || goneAt === undefined) {
    if (goneAt === undefined && !anyAlive(tree)) goneAt = performance.now();
    if (finalAt === undefined) {
      const run = await stack.run(runId);
      if (FINAL_STATUSES.includes(run.status)) {
        finalAt = performance.now();
        status = run.status;
      }
    }
    if (performance.now() > deadline) break;
    await sleep(5);
  }
  let leaked = false;
  if (goneAt === undefined && anyAlive(tree)) {
    leaked = true;
    killRefs(tree);
  }
  if (finalAt === undefined) throw new Error(`run ${runId} not final ${STOP_TIMEOUT_MS} ms after the stop`);
  // Every process of the run is gone: a profile still there stays for good.
  const left = profiles(stack);
  for (const name of left) fs.rmSync(path.join(stack.tmpDir, name), { recursive: true, force: true });
  // Where the run was at the stop, from its own log: the launch ends with "browser started"
  // (never logged when the abort came first), the navigation with "navigated to".
  const before = (await debugLines(stack, runId)).filter((l) => l.ts <= stopWall);
  const started = before.some((l) => BROWSER_STARTED.test(l.message));
  const navigated = before.some((l) => NAVIGATED.test(l.message));
  const offPhase =
    scenario === 'launch' ? started : scenario === 'slow_navigation' ? !started || navigated : false;
  const end = Math.max(finalAt, goneAt ?? Number.POSITIVE_INFINITY);
  return {
    totalMs: end - stopAt,
    toFinalMs: finalAt - stopAt,
    toTreeGoneMs: (goneAt ?? Number.POSITIVE_INFINITY) - stopAt,
    startToStopMs: stopAt - t0,
    treeSize: tree.length,
    sentAtStop,
    status,
    leaked,
    offPhase,
    profileLeft: left.length > 0,
  };
}

async function stopSeries(
  stack: ProductStack,
  scenario: StopScenario,
  iterations: number,
  seedBase: number,
): Promise<BrowserStopSeries> {
  const samples: StopSample[] = [];
  const failures: string[] = [];
  for (let i = 0; i < iterations; i++) {
    const exit = stack.server.exit();
    if (exit) {
      failures.push(`server exited (${exit}): ${iterations - i} iteration(s) not run`);
      break;
    }
    try {
      samples.push(await stopOnce(stack, scenario, seedBase + i));
    } catch (err) {
      failures.push(message(err));
      progress(`browser: stop ${scenario} #${i + 1} failed: ${message(err)}`);
      await stopEverything(stack).catch(() => {});
    }
  }
  const finite = (values: number[]) => values.filter(Number.isFinite);
  const ok = samples.filter((s) => !s.leaked);
  return {
    scenario,
    samplesMs: ok.map((s) => s.totalMs),
    summary: summarize(ok.map((s) => s.totalMs)),
    toFinal: summarize(samples.map((s) => s.toFinalMs)),
    toTreeGone: summarize(finite(samples.map((s) => s.toTreeGoneMs))),
    startToStop: summarize(samples.map((s) => s.startToStopMs)),
    treeSize: summarize(samples.map((s) => s.treeSize)),
    sentAtStop: scenario === 'sending' ? samples.map((s) => s.sentAtStop) : [],
    offPhase: samples.filter((s) => s.offPhase).length,
    profilesLeft: samples.filter((s) => s.profileLeft).length,
    wrongStatus: samples.filter((s) => s.status !== 'stopped').length,
    leaks: samples.length - ok.length,
    failures,
  };
}

/**
 * Runs the browser measures on one spawned server. `onCleanup` receives the
 * stack's close (an interrupted bench must not leave a server and Chromium behind).
 */
export async function measureBrowser(
  opts: { iterations?: number; onCleanup?: (fn: () => Promise<void>) => void } = {},
): Promise<BrowserResult> {
  const iterations = opts.iterations ?? BROWSER_STOP_ITERATIONS;
  progress('browser: starting the LinkedIn sandbox and the server (spawned)');
  const stack = await startProductStack(LIMITS);
  opts.onCleanup?.(() => stack.close());
  const { server } = stack;
  progress(`browser: ${server.command} up in ${(server.startupMs / 1000).toFixed(1)} s`);
  const result: BrowserResult = {
    server: { command: server.command, startupMs: server.startupMs, stale: server.stale },
    iterations,
    stop: [],
  };
  try {
    const failed = (variant: WishesVariant, err: unknown) => {
      const exit = server.exit();
      const text = exit ? `server exited (${exit}): ${message(err)}` : message(err);
      progress(`browser: the ${WISHES}-wish run (${variant.name}) failed: ${text}`);
      return text;
    };
    try {
      result.wishes = await measureWishes(stack, DEFAULT_WISHES);
    } catch (err) {
      result.wishesError = failed(DEFAULT_WISHES, err);
    }
    if (!server.exit()) {
      try {
        result.sdui = await measureWishes(stack, SDUI_WISHES);
      } catch (err) {
        result.sduiError = failed(SDUI_WISHES, err);
      }
    } else {
      result.sduiError = `server exited (${server.exit()}) before the ${SDUI_WISHES.name} run`;
    }
    progress(
      `browser: stop ${iterations} × during a slow navigation (sandbox latency ${SLOW_LATENCY_MS} ms)`,
    );
    result.stop.push(await stopSeries(stack, 'slow_navigation', iterations, 1000));
    progress(`browser: stop ${iterations} × while sending (after ${SENT_BEFORE_STOP} messages)`);
    result.stop.push(await stopSeries(stack, 'sending', iterations, 2000));
    progress(`browser: stop ${iterations} × during the browser launch`);
    result.stop.push(await stopSeries(stack, 'launch', iterations, 3000));
    return result;
  } finally {
    const exit = server.exit();
    if (exit) {
      result.server.died = { exit, output: server.outputTail() };
      progress(`browser: the server exited (${exit}); its last output:\n${server.outputTail()}`);
    }
    await stack.close();
  }
}

/** Debian's two Chromium builds: the old headless shell, and the full browser in its new headless mode. */
export const CHROMIUM_BUILDS = [
  { name: 'headless shell', path: '/usr/lib/chromium/chromium-headless-shell' },
  { name: 'full Chromium', path: '/usr/lib/chromium/chromium' },
] as const;

export interface BuildResult {
  build: string;
  path: string;
  wishes?: WishesResult;
  error?: string;
}

/** The 100 wishes of the default design with each build installed here, one server per build. */
export async function measureBuilds(
  opts: { onCleanup?: (fn: () => Promise<void>) => void } = {},
): Promise<BuildResult[]> {
  const results: BuildResult[] = [];
  for (const build of CHROMIUM_BUILDS) {
    if (!fs.existsSync(build.path)) {
      results.push({ build: build.name, path: build.path, error: 'not installed' });
      continue;
    }
    progress(`builds: ${build.name} (${build.path})`);
    const stack = await startProductStack(LIMITS, undefined, { CHROMIUM_PATH: build.path });
    opts.onCleanup?.(() => stack.close());
    try {
      results.push({
        build: build.name,
        path: build.path,
        wishes: await measureWishes(stack, DEFAULT_WISHES),
      });
    } catch (err) {
      results.push({ build: build.name, path: build.path, error: message(err) });
    } finally {
      await stack.close();
    }
  }
  return results;
}
