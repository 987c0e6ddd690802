import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { loadSettings } from '../config/settingsStore.ts';
import { isActiveStatus } from '../domain.ts';
import { AppError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { localDateOf, nextRun } from '../planner.ts';
import type { Store } from '../store/interfaces.ts';
import type { RunService } from './runService.ts';

/** setTimeout cannot wait longer than ~24.8 days; longer plans re-arm on wake-up. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * When the account is busy at the planned minute, the next attempt is no sooner than this:
 * the replan (now, and again when the busy run ends) picks a new random minute later in the
 * window (`nextRun`'s catch-up) and moves it to at least this far ahead.
 */
const BUSY_RETRY_MS = 5 * 60_000;

interface Plan {
  at: Date;
  localDate: string;
}

/**
 * Auto-run: one birthday run a day at a minute of the window planned by `planner.ts`, for
 * each account whose `schedule.auto_run` is on and whose bots are not paused (LinkedIn
 * pushed back). The plan is recomputed on start, after every scheduled run, when any run
 * ends, when the bots are resumed and whenever settings change; `next_run_at` in the
 * status reads it.
 */
export class Scheduler {
  private readonly plans = new Map<string, Plan | null>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Earliest next attempt after the account was busy at the planned minute. */
  private readonly notBefore = new Map<string, number>();
  private stopped = false;
  private offRunEvents: () => void = () => {};

  constructor(
    private readonly deps: {
      store: Store;
      runService: RunService;
      bus: EventBus;
      clock: Clock;
      logger: Logger;
      /** Makes each installation's minutes its own; stable across restarts. */
      seed: string;
    },
  ) {}

  async start(): Promise<void> {
    // A run's end may have paused its account (LinkedIn pushed back): the plan follows.
    this.offRunEvents = this.deps.bus.on('run', (run) => {
      if (isActiveStatus(run.status) || this.stopped) return;
      this.replan(run.account_id).catch((err) =>
        this.deps.logger.error({ err, accountId: run.account_id }, 'replanning after a run failed'),
      );
    });
    for (const account of await this.deps.store.accounts.list()) await this.replan(account.id);
  }

  stop(): void {
    this.stopped = true;
    this.offRunEvents();
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  nextRunAt(accountId: string): string | null {
    return this.plans.get(accountId)?.at.toISOString() ?? null;
  }

  /** Recomputes an account's plan (settings changed, a run happened, a day passed). */
  async replan(accountId: string): Promise<void> {
    const { store, clock, bus } = this.deps;
    clearTimeout(this.timers.get(accountId));
    this.timers.delete(accountId);
    const before = this.nextRunAt(accountId);
    const settings = await loadSettings(store, accountId);
    const now = clock.now();
    const today = localDateOf(now, settings.schedule.timezone);
    const ranToday = settings.schedule.auto_run && (await store.runs.hasScheduledRun(accountId, today));
    // Paused after LinkedIn pushed back: nothing is planned until a user resumes the bots.
    const paused = settings.schedule.auto_run && (await store.accountPauses.get(accountId)) !== null;
    let plan = nextRun({
      now,
      schedule: settings.schedule,
      seed: `${this.deps.seed}:${accountId}`,
      hasRunOn: (date) => date === today && ranToday,
      previous: this.plans.get(accountId),
    });
    const retryAt = this.notBefore.get(accountId);
    if (plan && retryAt && plan.localDate === today && plan.at.getTime() < retryAt) {
      plan = { ...plan, at: new Date(retryAt) };
    }
    if (paused) plan = null;
    this.plans.set(accountId, plan);
    if (plan && !this.stopped) this.arm(accountId, plan);
    if (before !== this.nextRunAt(accountId)) bus.emit('status', accountId);
  }

  private arm(accountId: string, plan: Plan): void {
    // Two replans can overlap (a run ended while settings changed): one timer per account.
    clearTimeout(this.timers.get(accountId));
    const delay = Math.max(0, plan.at.getTime() - this.deps.clock.now().getTime());
    const timer = setTimeout(
      () => {
        const due = delay <= MAX_TIMER_MS;
        (due ? this.fire(accountId, plan) : this.replan(accountId)).catch((err) =>
          this.deps.logger.error({ err, accountId }, 'scheduler failed'),
        );
      },
      Math.min(delay, MAX_TIMER_MS),
    );
    timer.unref();
    this.timers.set(accountId, timer);
  }

  private async fire(accountId: string, plan: Plan): Promise<void> {
    const { store, runService, logger, clock } = this.deps;
    const settings = await loadSettings(store, accountId);
    if (!settings.schedule.auto_run) return this.replan(accountId);
    try {
      await runService.start({
        accountId,
        type: 'birthday',
        dryRun: settings.dry_run,
        trigger: 'schedule',
        scheduleDate: plan.localDate,
        actor: { type: 'scheduler', id: 'auto_run' },
      });
      this.notBefore.delete(accountId);
      logger.info({ accountId, localDate: plan.localDate }, 'scheduled run started');
    } catch (err) {
      // Paused since the plan was made: the replan below plans nothing.
      if (err instanceof AppError && err.code === 'account_paused') return this.replan(accountId);
      if (!(err instanceof AppError && err.code === 'already_running')) throw err;
      // A manual run holds the slot: the day's run comes a little later, still in the window.
      this.notBefore.set(accountId, clock.now().getTime() + BUSY_RETRY_MS);
      logger.info({ accountId }, 'scheduled run postponed: another run is active');
    }
    await this.replan(accountId);
  }
}
