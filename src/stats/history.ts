import { DateTime } from 'luxon';
import { dayBoundsUtc, localDateOf } from '../planner.ts';

/**
 * Activity per local day, week or month for GET /api/history: pure, so the route only fetches
 * rows and formats. Long ranges are summed per week or month so a chart of years stays readable.
 */

export const HISTORY_COUNTERS = [
  'messages_sent',
  'profiles_visited',
  'invitations_withdrawn',
  'errors',
] as const;
export type HistoryCounter = (typeof HISTORY_COUNTERS)[number];
export type HistoryCounts = Record<HistoryCounter, number>;

/** One run's counters; `at` is an ISO instant (the run's started_at, else queued_at). */
export interface HistoryRow extends HistoryCounts {
  at: string;
}

/** One bucket; `date` is its first local date (a Monday for weeks, the 1st for months). */
export interface HistoryDay extends HistoryCounts {
  date: string;
}

export const HISTORY_GRANULARITIES = ['day', 'week', 'month'] as const;
export type HistoryGranularity = (typeof HISTORY_GRANULARITIES)[number];

export interface History {
  granularity: HistoryGranularity;
  days: HistoryDay[];
  totals: HistoryCounts;
}

/** The most local days one answer may cover (about ten years). */
export const HISTORY_MAX_DAYS = 3650;
/** Up to this many days, one entry a day; up to WEEKLY_MAX_DAYS, a week; beyond, a month. */
const DAILY_MAX_DAYS = 92;
const WEEKLY_MAX_DAYS = 731;

/** How a range of `days` local days is summed: at most ~92 points a day, ~105 a week, then months. */
export function granularityFor(days: number): HistoryGranularity {
  if (days <= DAILY_MAX_DAYS) return 'day';
  return days <= WEEKLY_MAX_DAYS ? 'week' : 'month';
}

/** What a history answer covers: its buckets' first dates and the UTC range of their rows. */
export interface HistoryPlan {
  granularity: HistoryGranularity;
  starts: string[];
  from: string;
  to: string;
}

/**
 * The buckets of the `days` local days ending with today: days, else whole weeks (Monday
 * first) or whole calendar months, the first one starting on or before the first day.
 */
export function planHistory(days: number, now: Date, timezone: string): HistoryPlan {
  const dates = historyDates(days, now, timezone);
  const granularity = granularityFor(days);
  const first = DateTime.fromISO(dates[0]!, { zone: 'utc' });
  const today = DateTime.fromISO(dates.at(-1)!, { zone: 'utc' });
  let starts = dates;
  if (granularity !== 'day') {
    const unit = granularity === 'week' ? 'week' : 'month';
    const step = granularity === 'week' ? { weeks: 1 } : { months: 1 };
    // Luxon's weeks start on Monday (ISO); zone-less dates, so no DST day shifts a boundary.
    starts = [];
    for (let at = first.startOf(unit); at <= today; at = at.plus(step)) {
      starts.push(at.toISODate()!);
    }
  }
  return {
    granularity,
    starts,
    from: dayBoundsUtc(starts[0]!, timezone).from,
    to: dayBoundsUtc(dates.at(-1)!, timezone).to,
  };
}

/** Local days from `instant`'s local date through today (1 when it is today or later). */
export function daysSince(instant: string, now: Date, timezone: string): number {
  const first = DateTime.fromISO(localDateOf(new Date(instant), timezone), { zone: 'utc' });
  const today = DateTime.fromISO(localDateOf(now, timezone), { zone: 'utc' });
  return Math.max(1, Math.round(today.diff(first, 'days').days) + 1);
}

function zeroCounts(): HistoryCounts {
  return { messages_sent: 0, profiles_visited: 0, invitations_withdrawn: 0, errors: 0 };
}

/** The `days` local dates ending with today, oldest first. */
function historyDates(days: number, now: Date, timezone: string): string[] {
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`days must be a positive integer, got ${days}`);
  // Calendar arithmetic on a zone-less date: no DST day can make a step 23 or 25 hours.
  const today = DateTime.fromISO(localDateOf(now, timezone), { zone: 'utc' });
  return Array.from({ length: days }, (_, i) => today.minus({ days: days - 1 - i }).toISODate()!);
}

/** The UTC range [first day's local midnight, the midnight after today) to fetch rows for. */
export function historyRangeUtc(days: number, now: Date, timezone: string): { from: string; to: string } {
  const dates = historyDates(days, now, timezone);
  return { from: dayBoundsUtc(dates[0]!, timezone).from, to: dayBoundsUtc(dates.at(-1)!, timezone).to };
}

/**
 * One zero-filled entry per bucket of `planHistory(days)` (exactly `days` entries while daily),
 * each row counted in the bucket of its local date; rows outside are ignored.
 */
export function buildHistory(input: {
  days: number;
  now: Date;
  timezone: string;
  rows: HistoryRow[];
}): History {
  const plan = planHistory(input.days, input.now, input.timezone);
  const days: HistoryDay[] = plan.starts.map((date) => ({ date, ...zeroCounts() }));
  // Bucket boundaries computed once; rows are bucketed by comparing ISO strings (same format,
  // so text order is time order), not by converting each row to a zoned date.
  const starts = plan.starts.map((date) => dayBoundsUtc(date, input.timezone).from);
  const totals = zeroCounts();
  for (const row of input.rows) {
    const at = new Date(row.at).toISOString();
    if (at < plan.from || at >= plan.to) continue;
    const day = days[lastIndexAtOrBefore(starts, at)]!;
    for (const key of HISTORY_COUNTERS) {
      day[key] += row[key];
      totals[key] += row[key];
    }
  }
  return { granularity: plan.granularity, days, totals };
}

/** Index of the last element <= value in an ascending list (the list's first element is <= value). */
function lastIndexAtOrBefore(sorted: readonly string[], value: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
