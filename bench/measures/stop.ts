/**
 * 2. Stop latency: from `runService.stop` to the run being `stopped` in the store and its
 * process gone, for a job that honours the abort and for one that ignores it (hard kill
 * after the grace period). The SSE probe (measures/sse.ts) rides along the cooperative
 * series.
 */
import { type Actor, DEFAULT_ACCOUNT_ID, RUN_COUNTERS, type Run } from '../../src/domain.ts';
import { isAlive } from '../../src/runner/processGroup.ts';
import type { AppContext } from '../../src/server/context.ts';
import { waitFor } from '../../test/support/waitFor.ts';
import { type Summary, summarize } from '../lib/stats.ts';
import { progress } from '../lib/wait.ts';
import { SseProbe, type SseResult } from './sse.ts';

export const STOP_ITERATIONS = 20;
const ACTOR: Actor = { type: 'user', id: 'bench' };

export interface StopSeries {
  type: string;
  samplesMs: number[];
  summary: Summary;
  /** Time from start() to the run running with progress (process start-up), for context. */
  startToProgress: Summary;
  /** Runs that ended in another status than `stopped`. */
  wrongStatus: number;
  /** test_ignore_abort only: helper processes (stand-ins for Chromium) still alive after the stop. */
  helperLeaks: number;
  failures: string[];
}

export interface StopResult {
  iterations: number;
  stopGraceMs: number;
  series: StopSeries[];
}

export function hasProgress(run: Run): boolean {
  return RUN_COUNTERS.some((counter) => run[counter] > 0);
}

export function startRun(ctx: AppContext, type: string): Promise<Run> {
  return ctx.runService.start({
    accountId: DEFAULT_ACCOUNT_ID,
    type,
    dryRun: false,
    trigger: 'manual',
    actor: ACTOR,
  });
}

/** Starts a run and waits (polling the store) until its process runs and has reported progress. */
export async function startRunWithProgress(ctx: AppContext, type: string): Promise<Run> {
  const queued = await startRun(ctx, type);
  let last: Run | null = queued;
  try {
    return await waitFor(
      async () => {
        last = await ctx.store.runs.get(queued.id);
        return last && last.status === 'running' && last.pid !== null && hasProgress(last) ? last : null;
      },
      // Forking a run process (with tsx, from source) takes seconds on a loaded machine.
      { intervalMs: 10, timeoutMs: 30_000, what: `run ${queued.id} (${type}) to make progress` },
    );
  } catch (err) {
    throw new Error(`${(err as Error).message}; last seen: ${describeRun(last)}`);
  }
}

export function describeRun(run: Run | null): string {
  if (!run) return 'no such run';
  const counters = RUN_COUNTERS.filter((c) => run[c] > 0).map((c) => `${c}=${run[c]}`);
  return `status=${run.status} pid=${run.pid} ${counters.join(' ') || 'no progress'} error=${JSON.stringify(run.error)}`;
}

export function stopRun(ctx: AppContext, runId: string): Promise<string[]> {
  return ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId, actor: ACTOR });
}

/** Leaves the account without an active run whatever happened (after a failed iteration). */
async function stopEverything(ctx: AppContext): Promise<void> {
  const active = await ctx.store.runs.listActive(DEFAULT_ACCOUNT_ID);
  if (active.length === 0) return;
  await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, actor: ACTOR }).catch(() => []);
  await waitFor(async () => (await ctx.store.runs.listActive(DEFAULT_ACCOUNT_ID)).length === 0, {
    intervalMs: 10,
    timeoutMs: 10_000,
    what: 'active runs to end',
  });
}

async function stopSeries(
  ctx: AppContext,
  type: string,
  iterations: number,
  probe?: SseProbe,
): Promise<StopSeries> {
  const samplesMs: number[] = [];
  const startupMs: number[] = [];
  const failures: string[] = [];
  let wrongStatus = 0;
  let helperLeaks = 0;
  for (let i = 0; i < iterations; i++) {
    try {
      const t0 = performance.now();
      const running = await startRunWithProgress(ctx, type);
      startupMs.push(performance.now() - t0);
      // Taken before the stop: the run row keeps it, but we must not depend on that.
      const pid = running.pid!;
      const helper = /^helper:(\d+)$/.exec(running.progress.step ?? '')?.[1];

      const stopAt = performance.now();
      const stopping = stopRun(ctx, running.id);
      const final = await waitFor(
        async () => {
          const run = await ctx.store.runs.get(running.id);
          return run && !['queued', 'running', 'stopping'].includes(run.status) && !isAlive(pid) ? run : null;
        },
        { intervalMs: 5, timeoutMs: 15_000, what: `run ${running.id} to be final and process ${pid} gone` },
      );
      samplesMs.push(performance.now() - stopAt);
      await stopping;
      if (final.status !== 'stopped') wrongStatus++;
      if (helper && isAlive(Number(helper))) helperLeaks++;
      // After the sample: the SSE bookkeeping must not delay the next start-up only.
      await probe?.record(running.id);
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
      await stopEverything(ctx).catch(() => {});
      probe?.discard();
    }
  }
  return {
    type,
    samplesMs,
    summary: summarize(samplesMs),
    startToProgress: summarize(startupMs),
    wrongStatus,
    helperLeaks,
    failures,
  };
}

export interface RunMeasures {
  stop?: StopResult;
  sse?: SseResult;
  /** The SSE probe could not be set up (the stop series ran without it). */
  sseError?: string;
}

/**
 * The stop series (cooperative, then abort-ignoring) and, when `sseUrl` is given, the SSE
 * probe attached to the cooperative one. With `stop: false` only the cooperative runs the
 * SSE measure needs are made, and no stop figures are returned.
 */
export async function measureRuns(
  ctx: AppContext,
  opts: { stop: boolean; sseUrl?: string; iterations?: number },
): Promise<RunMeasures> {
  const iterations = opts.iterations ?? STOP_ITERATIONS;
  const series: StopSeries[] = [];
  const out: RunMeasures = {};
  let probe: SseProbe | undefined;
  if (opts.sseUrl) {
    try {
      probe = await SseProbe.open(ctx, opts.sseUrl);
    } catch (err) {
      out.sseError = err instanceof Error ? err.message : String(err);
      if (!opts.stop) return out;
    }
  }
  try {
    progress(`stop: ${iterations} × test_cooperative${probe ? ' (with the /api/events probe)' : ''}`);
    series.push(await stopSeries(ctx, 'test_cooperative', iterations, probe));
  } finally {
    probe?.close();
  }
  if (probe) out.sse = probe.result();
  if (!opts.stop) return out;
  progress(`stop: ${iterations} × test_ignore_abort`);
  series.push(await stopSeries(ctx, 'test_ignore_abort', iterations));
  out.stop = { iterations, stopGraceMs: ctx.config.stopGraceMs, series };
  return out;
}
