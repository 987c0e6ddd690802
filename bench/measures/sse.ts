/**
 * 3. SSE latency: from the bus event that follows a run's store write to an `/api/events`
 * client receiving the `run` event with that status, and the first `status` event that
 * reflects it. Client and server live in this process, so one clock serves both ends.
 *
 * The probe rides along the cooperative stop series (measures/stop.ts): the same 20
 * start/stop cycles serve both measures, since forking a run process (tsx, from source)
 * costs seconds and the bench must stay under four minutes.
 */
import type { Run, RunStatus } from '../../src/domain.ts';
import type { AppContext } from '../../src/server/context.ts';
import { waitFor } from '../../test/support/waitFor.ts';
import { BENCH_API_KEY } from '../lib/server.ts';
import { SseClient, type SseFrame } from '../lib/sseClient.ts';
import { type Summary, summarize } from '../lib/stats.ts';

const TRANSITIONS = ['queued', 'running', 'stopping', 'stopped'] as const;
type Transition = (typeof TRANSITIONS)[number];

/** Order of a run's life: a status object showing a later stage also reflects the earlier ones. */
const STAGE: Record<RunStatus, number> = {
  queued: 0,
  running: 1,
  stopping: 2,
  stopped: 3,
  succeeded: 3,
  failed: 3,
  interrupted: 3,
};

interface RunRef {
  id: string;
  status: RunStatus;
}

interface StatusShape {
  active_jobs: RunRef[];
  queued_jobs: RunRef[];
  last_run: RunRef | null;
}

function isRunRef(value: unknown): value is RunRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as RunRef).id === 'string' &&
    typeof (value as RunRef).status === 'string'
  );
}

function isStatus(value: unknown): value is StatusShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StatusShape>;
  return Array.isArray(v.active_jobs) && Array.isArray(v.queued_jobs) && 'last_run' in v;
}

/** The run's status as a status object shows it, or null when it does not show the run. */
function shownStatus(status: StatusShape, runId: string): RunStatus | null {
  const listed = [...status.active_jobs, ...status.queued_jobs].find((r) => r.id === runId);
  if (listed) return listed.status;
  return status.last_run?.id === runId ? status.last_run.status : null;
}

const isRunFrame = (f: SseFrame, runId: string, status: RunStatus) =>
  f.event === 'run' && isRunRef(f.data) && f.data.id === runId && f.data.status === status;

const reflects = (f: SseFrame, runId: string, status: RunStatus) => {
  if (f.event !== 'status' || !isStatus(f.data)) return false;
  const shown = shownStatus(f.data, runId);
  return shown !== null && STAGE[shown] >= STAGE[status];
};

interface BusRecord {
  run: Run;
  at: number;
}

export interface SseSeries {
  samplesMs: number[];
  summary: Summary;
  byTransition: Record<Transition, Summary>;
  /** Transitions for which no matching event arrived. */
  missing: number;
}

export interface SseResult {
  runs: number;
  runEvent: SseSeries;
  statusEvent: SseSeries;
  failures: string[];
}

type Samples = Record<Transition, number[]>;
const emptySamples = (): Samples => ({ queued: [], running: [], stopping: [], stopped: [] });

function series(samples: Samples, missing: number): SseSeries {
  const all = TRANSITIONS.flatMap((t) => samples[t]);
  const byTransition = Object.fromEntries(TRANSITIONS.map((t) => [t, summarize(samples[t])])) as Record<
    Transition,
    Summary
  >;
  return { samplesMs: all, summary: summarize(all), byTransition, missing };
}

/** Records bus events and SSE frames while runs start and stop; `record` turns one run into samples. */
export class SseProbe {
  private readonly runSamples = emptySamples();
  private readonly statusSamples = emptySamples();
  private runMissing = 0;
  private statusMissing = 0;
  private runs = 0;
  private readonly failures: string[] = [];

  private constructor(
    private readonly client: SseClient,
    private readonly bus: BusRecord[],
    private readonly offBus: () => void,
  ) {}

  static async open(ctx: AppContext, url: string): Promise<SseProbe> {
    const bus: BusRecord[] = [];
    // Registered before the client connects: this listener runs before the SSE route's one.
    const offBus = ctx.bus.on('run', (run) => bus.push({ run, at: performance.now() }));
    let client: SseClient | undefined;
    try {
      client = await SseClient.connect(`${url}/api/events`, { 'x-api-key': BENCH_API_KEY });
      const { frames } = client;
      await waitFor(() => frames.some((f) => f.event === 'status'), {
        intervalMs: 10,
        what: 'the initial status event',
      });
      return new SseProbe(client, bus, offBus);
    } catch (err) {
      client?.close();
      offBus();
      throw err;
    }
  }

  /** After a run ended `stopped`: waits for its last events, then records its transitions. */
  async record(runId: string): Promise<void> {
    const { bus } = this;
    const { frames } = this.client;
    this.runs++;
    try {
      const stopped = await waitFor(() => bus.find((r) => r.run.id === runId && r.run.status === 'stopped'), {
        intervalMs: 10,
        what: `bus 'stopped' for ${runId}`,
      });
      await waitFor(
        () =>
          frames.some((f) => isRunFrame(f, runId, 'stopped')) &&
          frames.some((f) => f.at >= stopped.at && reflects(f, runId, 'stopped')),
        { intervalMs: 10, timeoutMs: 5000, what: `SSE events for the stopped run ${runId}` },
      );
    } catch (err) {
      this.failures.push(err instanceof Error ? err.message : String(err));
    }
    for (const transition of TRANSITIONS) {
      const changed = bus.find((r) => r.run.id === runId && r.run.status === transition);
      if (!changed) {
        this.runMissing++;
        this.statusMissing++;
        continue;
      }
      const runFrame = frames.find((f) => f.at >= changed.at && isRunFrame(f, runId, transition));
      if (runFrame) this.runSamples[transition].push(runFrame.at - changed.at);
      else this.runMissing++;
      const statusFrame = frames.find((f) => f.at >= changed.at && reflects(f, runId, transition));
      if (statusFrame) this.statusSamples[transition].push(statusFrame.at - changed.at);
      else this.statusMissing++;
    }
    this.discard();
  }

  /** Forgets what was recorded since the last run (after a failed iteration). */
  discard(): void {
    this.bus.length = 0;
    this.client.frames.length = 0;
  }

  result(): SseResult {
    return {
      runs: this.runs,
      runEvent: series(this.runSamples, this.runMissing),
      statusEvent: series(this.statusSamples, this.statusMissing),
      failures: this.failures,
    };
  }

  close(): void {
    this.client.close();
    this.offBus();
  }
}
