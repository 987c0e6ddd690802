/**
 * The birthday bot's limits: wishes the ledger already counts today and over the last 7
 * local days, plus this run's, against the per-run, daily and weekly limits.
 */
import type { Settings } from '../config/settings.ts';
import { dayBoundsUtc, localDateOf } from '../planner.ts';
import type { BirthdayMessage, BirthdayMessagesRepository } from '../store/interfaces.ts';
import { minusDays } from './birthdayKeys.ts';

/** A sending limit a run reached. */
export interface ReachedLimit {
  name: 'per_run' | 'daily' | 'weekly';
  value: number;
  /** "daily limit of 15" */
  text: string;
}

export class BirthdayQuota {
  /** Sends this run (dry-run picks included: a dry run simulates the limits). */
  usedThisRun = 0;

  private constructor(
    /** The run's local date (settings timezone). */
    readonly today: string,
    private readonly dayFrom: string,
    private readonly weekFrom: string,
    private sentToday: number,
    private sentWeek: number,
  ) {}

  static async load(
    ledger: BirthdayMessagesRepository,
    accountId: string,
    now: Date,
    timezone: string,
  ): Promise<BirthdayQuota> {
    const today = localDateOf(now, timezone);
    const dayFrom = dayBoundsUtc(today, timezone).from;
    const weekFrom = dayBoundsUtc(minusDays(today, 6), timezone).from;
    return new BirthdayQuota(
      today,
      dayFrom,
      weekFrom,
      await ledger.countSent(accountId, dayFrom),
      await ledger.countSent(accountId, weekFrom),
    );
  }

  /** A pending wish of an earlier run, found delivered, counts where it was sent. */
  countConfirmed(message: BirthdayMessage): void {
    if (message.created_at >= this.dayFrom) this.sentToday++;
    if (message.created_at >= this.weekFrom) this.sentWeek++;
  }

  /** Wishes the limits still allow (this run's included). */
  remaining(perRun: number, limits: Settings['limits']): number {
    return Math.max(
      0,
      Math.min(
        perRun - this.usedThisRun,
        limits.daily - this.sentToday - this.usedThisRun,
        limits.weekly - this.sentWeek - this.usedThisRun,
      ),
    );
  }

  /** The limit reached (its English text: "daily limit of 15"), or null. */
  limitReached(perRun: number, limits: Settings['limits']): ReachedLimit | null {
    const reached = (name: ReachedLimit['name'], value: number): ReachedLimit => ({
      name,
      value,
      text: `${name === 'per_run' ? 'per-run' : name} limit of ${value}`,
    });
    if (this.usedThisRun >= perRun) return reached('per_run', perRun);
    if (this.sentToday + this.usedThisRun >= limits.daily) return reached('daily', limits.daily);
    if (this.sentWeek + this.usedThisRun >= limits.weekly) return reached('weekly', limits.weekly);
    return null;
  }
}
