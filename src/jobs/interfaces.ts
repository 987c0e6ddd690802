/**
 * Ports of the run engine. A JobQueue adapter executes runs that the RunService has
 * already recorded as `queued`; a JobHandler is the work of one job type, executed in
 * the run process (never in the API server).
 */
import type { Settings } from '../config/settings.ts';
import type { LogLevel, Run, RunCounter, RunCounters, RunProgress } from '../domain.ts';
import type { RunProcessConfig } from '../runner/protocol.ts';
import type { Store } from '../store/interfaces.ts';

export type { RunProcessConfig } from '../runner/protocol.ts';

export interface WorkerInfo {
  mode: 'embedded' | 'bullmq';
  status: 'online' | 'offline';
  /** Processes able to take runs. */
  count: number;
}

export interface JobQueue {
  readonly mode: 'embedded' | 'bullmq';
  /** Recovers what a dead process left behind, then starts taking queued runs. */
  start(): Promise<void>;
  /** The run row exists and is queued: execute it when a slot is free. */
  enqueue(run: Run): Promise<void>;
  /**
   * Asks the process running `run` (already recorded `stopping`) to stop: abort signal now,
   * hard kill after the grace period. A queued run that no process holds yet is finalised
   * `stopped` at once.
   */
  stop(run: Run, stoppedBy: string): Promise<void>;
  workers(): Promise<WorkerInfo>;
  /**
   * Stops taking runs (server shutdown). The embedded adapter stops the runs in progress
   * too; in distributed mode they belong to the workers and go on.
   */
  close(): Promise<void>;
}

/** What a job handler sees while it runs, inside the run process. */
export interface JobContext {
  readonly run: Run;
  readonly signal: AbortSignal;
  readonly store: Store;
  readonly config: RunProcessConfig;
  readonly settings: Settings;
  log(level: LogLevel, message: string): void;
  /** Adds to a counter (streamed to the server). */
  count(counter: RunCounter, by?: number): void;
  progress(update: RunProgress): void;
  readonly counters: Readonly<RunCounters>;
}

/** A handler resolves when done; it throws `JobFailure` to end the run `failed` with a code. */
export type JobHandler = (ctx: JobContext) => Promise<void>;

export class JobFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'JobFailure';
  }
}
