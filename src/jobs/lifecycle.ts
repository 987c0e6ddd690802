import type { Clock } from '../clock.ts';
import type { FinalRunStatus, LogLevel, Run, RunCounters, RunError, RunProgress } from '../domain.ts';
import type { EventBus } from '../events.ts';
import type { Store } from '../store/interfaces.ts';

/**
 * Records what happens to a run and tells the bus. Queue adapters call it; its writes for
 * one run are applied in order (a late progress message can never follow the final state).
 */
export class RunLifecycle {
  private readonly chains = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Runs `fn` after every earlier operation on the same run. */
  private serial<T>(runId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.chains.get(runId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch((err) => this.onError(err));
    this.chains.set(runId, settled);
    settled.then(() => {
      if (this.chains.get(runId) === settled) this.chains.delete(runId);
    });
    return next;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private async publish(runId: string): Promise<Run | null> {
    const run = await this.store.runs.get(runId);
    if (run) this.bus.emit('run', run);
    return run;
  }

  started(run: Run, pid: number | null, host: string | null): Promise<boolean> {
    return this.serial(run.id, async () => {
      const ok = await this.store.runs.markRunning(run.id, this.now(), pid, host);
      if (ok) {
        await this.publish(run.id);
        await this.appendLog(
          run.account_id,
          run.id,
          'info',
          `Run started (${run.type}${run.dry_run ? ', dry run' : ''})`,
        );
      }
      return ok;
    });
  }

  progress(runId: string, counters: RunCounters, progress: RunProgress): Promise<void> {
    return this.serial(runId, async () => {
      await this.store.runs.updateProgress(runId, counters, progress, this.now());
      await this.publish(runId);
    });
  }

  heartbeat(runId: string): Promise<void> {
    return this.serial(runId, () => this.store.runs.heartbeat(runId, this.now()));
  }

  log(accountId: string, runId: string | null, level: LogLevel, message: string, ts?: string): Promise<void> {
    const write = () => this.appendLog(accountId, runId, level, message, ts);
    return runId ? this.serial(runId, write) : write();
  }

  private async appendLog(
    accountId: string,
    runId: string | null,
    level: LogLevel,
    message: string,
    ts = this.now(),
  ): Promise<void> {
    const [line] = await this.store.logs.append([
      { account_id: accountId, ts, level, run_id: runId, message },
    ]);
    if (line) this.bus.emit('log', line);
  }

  /** Final state; a no-op when the run is already final. */
  finish(
    run: Pick<Run, 'id' | 'account_id'>,
    result: {
      status: FinalRunStatus;
      error?: RunError | null;
      stopped_by?: string | null;
      counters?: RunCounters;
    },
  ): Promise<Run | null> {
    return this.serial(run.id, async () => {
      const changed = await this.store.runs.finish(run.id, { ...result, at: this.now() });
      if (!changed) return this.store.runs.get(run.id);
      const final = await this.publish(run.id);
      const detail = result.error ? `: ${result.error.code} (${result.error.message})` : '';
      const who = final?.stopped_by && result.status === 'stopped' ? ` by ${final.stopped_by}` : '';
      await this.appendLog(
        run.account_id,
        run.id,
        result.status === 'failed' || result.status === 'interrupted' ? 'error' : 'info',
        `Run ${result.status}${who}${detail}`,
      );
      return final;
    });
  }

  /** Waits for pending writes of a run (tests, shutdown). */
  async settled(runId: string): Promise<void> {
    await this.chains.get(runId);
  }
}
