import type { AuditLog } from '../audit.ts';
import type { Clock } from '../clock.ts';
import { type Actor, actorLabel, type Run, type RunTrigger, type RunType } from '../domain.ts';
import { accountPaused, alreadyRunning, noActiveRun } from '../errors.ts';
import type { Store } from '../store/interfaces.ts';
import type { RunQueue } from './interfaces.ts';
import type { RunLifecycle } from './lifecycle.ts';

export interface StartRunInput {
  accountId: string;
  /** A registered type: the routes check it with its options (`RunRegistry.parseOptions`). */
  type: RunType;
  dryRun: boolean;
  options?: Record<string, unknown>;
  trigger: RunTrigger;
  actor: Actor;
  scheduleDate?: string | null;
}

export interface StopRunsInput {
  accountId: string;
  runId?: string;
  jobType?: RunType;
  actor: Actor;
}

/**
 * Starting and stopping runs: the rules (one run per account, none while the account is
 * paused, audit, events) in one place.
 */
export class RunService {
  constructor(
    private readonly deps: {
      store: Store;
      queue: RunQueue;
      lifecycle: RunLifecycle;
      audit: AuditLog;
      clock: Clock;
    },
  ) {}

  /** Refuses (409 `account_paused`) while LinkedIn's pushback holds the account's bots. */
  async assertNotPaused(accountId: string): Promise<void> {
    const pause = await this.deps.store.accountPauses.get(accountId);
    if (pause) throw accountPaused(pause);
  }

  async start(input: StartRunInput): Promise<Run> {
    const { store, queue, audit, clock, lifecycle } = this.deps;
    // Every start goes through here (dashboard, API, /bot/*, auto-run): none while paused.
    await this.assertNotPaused(input.accountId);
    const run = await audit.change(
      (tx) =>
        tx.runs.createIfIdle({
          account_id: input.accountId,
          type: input.type,
          trigger: input.trigger,
          dry_run: input.dryRun,
          options: input.options ?? {},
          schedule_date: input.scheduleDate ?? null,
          queued_at: clock.now().toISOString(),
        }),
      (created) =>
        created && {
          accountId: input.accountId,
          actor: input.actor,
          action: 'run.start',
          target: created.id,
          details: {
            type: created.type,
            trigger: created.trigger,
            dry_run: created.dry_run,
            options: created.options,
          },
        },
    );
    if (!run) {
      const [active] = await store.runs.listActive(input.accountId);
      throw alreadyRunning(active?.id ?? 'unknown');
    }
    await lifecycle.queued(run, actorLabel(input.actor));
    await queue.enqueue(run);
    return run;
  }

  /**
   * Stops the account's matching active runs (by id, by type, or all of them: the emergency
   * stop). Throws `no_active_run` when nothing matches.
   */
  async stop(input: StopRunsInput): Promise<string[]> {
    const { store, queue, audit, lifecycle } = this.deps;
    const active = await store.runs.listActive(input.accountId);
    const targets = active.filter(
      (run) => (!input.runId || run.id === input.runId) && (!input.jobType || run.type === input.jobType),
    );
    if (targets.length === 0) throw noActiveRun();
    const by = actorLabel(input.actor);
    const emergency = !input.runId && !input.jobType;
    const stopping = targets.map((run) => run.id);
    // The stop requests and their audit entry are saved together, or neither is.
    const marked = await audit.change(
      async (tx) => {
        const changed = new Set<string>();
        for (const run of targets) if (await tx.runs.markStopping(run.id, by)) changed.add(run.id);
        return changed;
      },
      () => ({
        accountId: input.accountId,
        actor: input.actor,
        action: emergency ? 'run.stop_all' : 'run.stop',
        target: stopping.join(','),
        details: { run_ids: stopping, ...(input.jobType ? { job_type: input.jobType } : {}) },
      }),
    );
    const runs = await Promise.all(targets.map((run) => lifecycle.stopRecorded(run, marked.has(run.id))));
    await Promise.all(runs.map((run) => queue.stop(run, by)));
    return stopping;
  }
}
