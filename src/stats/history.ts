import { DateTime } from 'luxon';
import { dayBoundsUtc, localDateOf } from '../planner.ts';

/** Per-day activity for GET /api/history: pure, so the route only fetches rows and formats. */

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

export interface HistoryDay extends HistoryCounts {
  date: string;
}

export interface History {
  days: HistoryDay[];
  totals: HistoryCounts;
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

/** Exactly `days` entries, zero-filled, each row counted on its local date; rows outside are ignored. */
export function buildHistory(input: {
  days: number;
  now: Date;
  timezone: string;
  rows: HistoryRow[];
}): History {
  const dates = historyDates(input.days, input.now, input.timezone);
  const days: HistoryDay[] = dates.map((date) => ({ date, ...zeroCounts() }));
  // Day boundaries computed once; rows are bucketed by comparing ISO strings (same format,
  // so text order is time order), not by converting each row to a zoned date.
  const starts = dates.map((date) => dayBoundsUtc(date, input.timezone).from);
  const end = dayBoundsUtc(dates.at(-1)!, input.timezone).to;
  const totals = zeroCounts();
  for (const row of input.rows) {
    const at = new Date(row.at).toISOString();
    if (at < starts[0]! || at >= end) continue;
    const day = days[lastIndexAtOrBefore(starts, at)]!;
    for (const key of HISTORY_COUNTERS) {
      day[key] += row[key];
      totals[key] += row[key];
    }
  }
  return { days, totals };
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
