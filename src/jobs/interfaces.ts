/**
 * The queue port of the run engine: a RunQueue adapter executes runs that the RunService
 * has already recorded as `queued`. (What a run's handler sees is `bots/runContext.ts`.)
 */
import type { Run } from '../domain.ts';

export interface WorkerInfo {
  mode: 'embedded' | 'bullmq';
  status: 'online' | 'offline';
  /** Processes able to take runs. */
  count: number;
}

export interface RunQueue {
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
