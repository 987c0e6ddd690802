/**
 * What a run's handler sees, inside the run process: the run, its abort signal, the store,
 * its configuration and the account's settings, and the reporter (logs, counters, progress)
 * that streams to the server. The run process (`src/runner/runProcess.ts`) builds it.
 */
import type { Config } from '../config/env.ts';
import type { Settings } from '../config/settings.ts';
import type { CodedLog } from '../contract/logCodes.ts';
import type { AccountPauseReason, LogLevel, Run, RunCounter, RunCounters, RunProgress } from '../domain.ts';
import type { Store } from '../store/interfaces.ts';

/** The part of the configuration a run needs (the run process gets it over IPC, not argv). */
export type RunConfig = Pick<
  Config,
  | 'dataDir'
  | 'databaseUrl'
  | 'linkedinBaseUrl'
  | 'chromiumPath'
  | 'chromiumProcessModel'
  | 'logLevel'
  | 'testRuns'
> & { secretKey: string };

/** What a run handler sees while it runs. */
export interface RunContext {
  readonly run: Run;
  readonly signal: AbortSignal;
  readonly store: Store;
  readonly config: RunConfig;
  readonly settings: Settings;
  /** A log line: its English text, and its catalogue code and parameters for the dashboard. */
  log(level: LogLevel, message: string, what: CodedLog): void;
  /** Adds to a counter (streamed to the server). */
  count(counter: RunCounter, by?: number): void;
  progress(update: RunProgress): void;
  readonly counters: Readonly<RunCounters>;
}

/** A handler resolves when done; it throws `RunFailure` to end the run `failed` with a code. */
export type RunHandler = (ctx: RunContext) => Promise<void>;

export class RunFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** LinkedIn pushed back (see `RunError.pushback`): the account's bots will be paused. */
    readonly pushback: AccountPauseReason | null = null,
  ) {
    super(message);
    this.name = 'RunFailure';
  }
}
