import type { Clock } from '../clock.ts';
import { type CodedLog, coded } from '../contract/logCodes.ts';
import {
  type AccountPause,
  describePauseReason,
  type FinalRunStatus,
  isActiveStatus,
  type LogLevel,
  type Run,
  type RunCounters,
  type RunError,
  type RunProgress,
} from '../domain.ts';
import type { EventBus } from '../events.ts';
import {
  RunEndNotificationError,
  type RunEndReads,
  recordRunEnd,
  runEndReads,
} from '../notify/runEndEvents.ts';
import type { ProcessExit } from '../runner/runSupervisor.ts';
import type { OutcomeTally, Store } from '../store/interfaces.ts';

/** What a run's end is proposed as (by the run process's report, a stop, a recovery…). */
export interface FinishResult {
  status: FinalRunStatus;
  error?: RunError | null;
  stopped_by?: string | null;
  counters?: RunCounters;
}

/** Error code of a run whose process ended without its report (killed from outside, out of memory). */
export const RUN_PROCESS_DIED = 'run_process_died';

/** What a run process that ended without its report says: the signal that killed it, or its exit code. */
export function processDiedError(exit: Pick<ProcessExit, 'code' | 'signal'>): RunError {
  return {
    code: RUN_PROCESS_DIED,
    message: exit.signal
      ? `The run's process was killed (${exit.signal})`
      : `The run's process ended before finishing the run (exit code ${exit.code})`,
  };
}

/**
 * The end a process exit proposes: a stop wins over the report, no report means the
 * process died (a browser crash is reported by the run process itself, `browser_crashed`).
 */
export function exitResult(exit: ProcessExit): FinishResult {
  const { launchError, stopRequestedBy, done } = exit;
  if (launchError) return { status: 'failed', error: launchError };
  if (stopRequestedBy) return { status: 'stopped', stopped_by: stopRequestedBy, counters: done?.counters };
  if (done) return { status: done.status, error: done.error, counters: done.counters };
  return { status: 'failed', error: processDiedError(exit) };
}

/** Error code of a real run that attempted actions and completed none. */
export const NOTHING_DELIVERED = 'nothing_delivered';

/**
 * The nothing-delivered rule: a real (not dry) run that attempted at least one action (a
 * send, a profile visit, an invitation withdrawal) and completed none has failed, whatever
 * its process reported. Attempted = completed actions + error outcomes; completed = sent +
 * visited + withdrawn. Null when the rule does not apply (dry run, nothing attempted,
 * something completed). Both inputs are read from the store: the run row's counters and
 * its outcome rows.
 */
export function nothingDelivered(
  run: Pick<Run, 'dry_run' | 'messages_sent' | 'profiles_visited' | 'invitations_withdrawn'>,
  tally: OutcomeTally,
): RunError | null {
  if (run.dry_run) return null;
  const { by_status } = tally;
  const completed = Math.max(
    run.messages_sent + run.profiles_visited + run.invitations_withdrawn,
    by_status.sent + by_status.visited + by_status.withdrawn,
  );
  const failed = by_status.error;
  if (completed > 0 || failed === 0) return null;
  const top = tally.errors[0];
  const named = top
    ? ` (most often ${top.code ?? 'an error without a code'}${top.example ? `: ${top.example}` : ''})`
    : '';
  return {
    code: NOTHING_DELIVERED,
    message: `Nothing was delivered: ${failed} of ${completed + failed} attempts failed${named}`,
  };
}

/**
 * The one recorder of run state: every change of a run after its creation (queued, started,
 * progress, stopping, final) is written here and told to the bus, never elsewhere. The
 * RunService, the supervisor and the queue adapters call it; its writes for one run are
 * applied in order (a late progress message can never follow the final state).
 *
 * It is also the one place that decides a run's final status, for both queue adapters: the
 * supervisor hands it how a run process ended (`exited`), the adapters' stops and recoveries
 * propose `stopped` (`stoppedBeforeStart`) / `interrupted` (`interrupted`), and `finish`
 * applies `nothingDelivered` to a proposed `succeeded`, and pauses the account when a run
 * failed because LinkedIn pushed back (`pauseOnPushback`). The pause and the notifications a
 * run's end causes are written in the transaction of its final state
 * (src/notify/runEndEvents.ts); a notification that cannot be written never keeps the run
 * from ending: it ends without it, and `onError` hears why.
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

  /** A run just created `queued` (by the RunService, which holds the one-run-per-account rule). */
  queued(run: Run, by: string): Promise<void> {
    return this.serial(run.id, async () => {
      this.bus.emit('run', run);
      await this.appendLog(
        run.account_id,
        run.id,
        'info',
        `Run queued by ${by}`,
        coded('run.queued', { by }),
      );
    });
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
          coded('run.started', { type: run.type, dry_run: run.dry_run }),
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

  log(
    accountId: string,
    runId: string | null,
    level: LogLevel,
    message: string,
    what: CodedLog,
    ts?: string,
  ): Promise<void> {
    const write = () => this.appendLog(accountId, runId, level, message, what, ts);
    return runId ? this.serial(runId, write) : write();
  }

  private async appendLog(
    accountId: string,
    runId: string | null,
    level: LogLevel,
    message: string,
    what: CodedLog,
    ts = this.now(),
  ): Promise<void> {
    const [line] = await this.store.logs.append([
      { account_id: accountId, ts, level, run_id: runId, message, code: what.code, params: what.params },
    ]);
    if (line) this.bus.emit('log', line);
  }

  /**
   * A stop asked by `by`: the run becomes `stopping` (keeping whoever asked first). Returns
   * the run as it now is, for the queue to stop.
   */
  stopping(run: Run, by: string): Promise<Run> {
    return this.serial(run.id, async () => {
      const changed = await this.store.runs.markStopping(run.id, by);
      return this.stopTold(run, changed);
    });
  }

  /**
   * A stop `markStopping` recorded elsewhere (with its audit entry, in one transaction):
   * told when it changed the run. Returns the run as it now is, for the queue to stop.
   */
  stopRecorded(run: Run, changed: boolean): Promise<Run> {
    return this.serial(run.id, () => this.stopTold(run, changed));
  }

  private async stopTold(run: Run, changed: boolean): Promise<Run> {
    const now = changed ? await this.publish(run.id) : await this.store.runs.get(run.id);
    return now ?? run;
  }

  /** A run stopped before any process started it: final `stopped`, by whoever asked. */
  stoppedBeforeStart(run: Pick<Run, 'id' | 'account_id' | 'stopped_by'>, by?: string): Promise<Run | null> {
    return this.finish(run, { status: 'stopped', stopped_by: by ?? run.stopped_by ?? 'system' });
  }

  /** A run whose process died without a word (found by a recovery): final `interrupted`. */
  interrupted(run: Pick<Run, 'id' | 'account_id'>, message: string): Promise<Run | null> {
    return this.finish(run, { status: 'interrupted', error: { code: 'interrupted', message } });
  }

  /** Final state of a run whose process ended (see `exitResult`, then `finish`). */
  exited(run: Pick<Run, 'id' | 'account_id'>, exit: ProcessExit): Promise<Run | null> {
    return this.finish(run, exitResult(exit));
  }

  /**
   * Final state; a no-op when the run is already final. A proposed `succeeded` ends
   * `failed` (`nothing_delivered`) when the run delivered nothing (see `nothingDelivered`).
   */
  finish(run: Pick<Run, 'id' | 'account_id'>, proposed: FinishResult): Promise<Run | null> {
    return this.serial(run.id, async () => {
      const result = await this.decide(run.id, proposed);
      const at = this.now();
      const reads = await runEndReads(this.store, run.account_id, this.onError);
      let ended: { pause: AccountPause | null } | null;
      try {
        ended = await this.writeEnd(run, result, at, reads);
      } catch (err) {
        // A broken outbox loses the notifications, never the run's end (nor its pause).
        if (!(err instanceof RunEndNotificationError)) throw err;
        this.onError(err);
        ended = await this.writeEnd(run, result, at, null);
      }
      if (!ended) return this.store.runs.get(run.id);
      const { pause } = ended;
      const final = await this.publish(run.id);
      const detail = result.error ? `: ${result.error.code} (${result.error.message})` : '';
      const who = final?.stopped_by && result.status === 'stopped' ? ` by ${final.stopped_by}` : '';
      await this.appendLog(
        run.account_id,
        run.id,
        result.status === 'failed' || result.status === 'interrupted' ? 'error' : 'info',
        `Run ${result.status}${who}${detail}`,
        result.error
          ? coded('run.ended_with_error', {
              status: result.status,
              error_code: result.error.code,
              error_message: result.error.message,
            })
          : result.status === 'stopped'
            ? coded('run.stopped', { by: final?.stopped_by ?? 'system' })
            : coded('run.finished', { status: result.status }),
      );
      if (pause) {
        await this.appendLog(
          run.account_id,
          run.id,
          'warn',
          `Every bot of this account is paused, auto-run included: ${describePauseReason(pause.reason)}. Resume them on the overview once LinkedIn is happy again.`,
          coded('account.paused', { reason: pause.reason }),
        );
        this.bus.emit('status', run.account_id);
      }
      return final;
    });
  }

  /**
   * Writes the final state, the pause it causes and, unless `reads` is null, its
   * notifications in one transaction: all of them, or none. Null when the run was final already.
   */
  private writeEnd(
    run: Pick<Run, 'id' | 'account_id'>,
    result: FinishResult,
    at: string,
    reads: RunEndReads | null,
  ): Promise<{ pause: AccountPause | null } | null> {
    return this.store.transaction(async (tx) => {
      if (!(await tx.runs.finish(run.id, { ...result, at }))) return null;
      const pause = await this.pauseOnPushback(tx, run, result, at);
      if (reads) await recordRunEnd(tx, run.id, at, reads, pause);
      return { pause };
    });
  }

  /**
   * LinkedIn pushed back on a run that failed (its limit warning, a checkpoint, a captcha):
   * every bot of the account pauses until a user resumes them. Written through `tx`, the
   * transaction of the run's end, with its audit entry. The pause this run recorded, or null
   * (no pushback, or the account was paused already, by this run's twin for one).
   */
  private async pauseOnPushback(
    tx: Store,
    run: Pick<Run, 'id' | 'account_id'>,
    result: FinishResult,
    at: string,
  ): Promise<AccountPause | null> {
    const reason = result.status === 'failed' ? result.error?.pushback : undefined;
    if (!reason) return null;
    const { pause, created } = await tx.accountPauses.pauseUnlessPaused({
      account_id: run.account_id,
      reason,
      run_id: run.id,
      since: at,
    });
    if (!created) return null;
    await tx.audit.append({
      account_id: run.account_id,
      ts: at,
      actor_type: 'system',
      actor_id: 'system',
      action: 'bot.pause',
      target: run.id,
      details: { reason },
    });
    return pause;
  }

  /**
   * The final status of a run from what was proposed and what the store holds. Runs inside
   * the run's write chain, after its last progress write: the stored counters are final.
   */
  private async decide(runId: string, proposed: FinishResult): Promise<FinishResult> {
    if (proposed.status !== 'succeeded') return proposed;
    const stored = await this.store.runs.get(runId);
    if (!stored || !isActiveStatus(stored.status) || stored.dry_run) return proposed;
    const error = nothingDelivered(stored, await this.store.outcomes.tally(runId));
    return error ? { ...proposed, status: 'failed', error } : proposed;
  }

  /** Waits for pending writes of a run (tests, shutdown). */
  async settled(runId: string): Promise<void> {
    await this.chains.get(runId);
  }
}
