/**
 * A new account's warm-up: an account that goes from nothing to its full volume overnight
 * is what LinkedIn's abuse detection looks for, so during its first week the limits grow
 * from a fifth of their value (day 1) to all of it (day 7), linearly. Day 1 is the local
 * day (settings timezone) of the account's first real run that did something on LinkedIn
 * — a message sent, a profile visited, an invitation withdrawn — as the runs table
 * records it, or today for an account that has done nothing yet. A limit above 0 never
 * goes below 1. `limits.warm_up: false` turns it off.
 */

import type { Settings } from '../config/settings.ts';

export const WARM_UP_DAYS = 7;
/** The share of each limit on day 1. */
export const WARM_UP_START = 0.2;

export type LimitName = Exclude<keyof Settings['limits'], 'warm_up'>;
type Limits = Settings['limits'];

const DAY_MS = 86_400_000;

/** How the run log names each limit. */
const LIMIT_LABELS: Record<LimitName, string> = {
  per_run: 'per-run limit',
  daily: 'daily limit',
  weekly: 'weekly limit',
  visits_per_run: 'limit of profile visits per run',
  withdrawals_per_run: 'limit of withdrawals per run',
};

/**
 * The warm-up day (1 to WARM_UP_DAYS) on `today` of an account first active on
 * `firstActive` (both local dates, YYYY-MM-DD; null: never active, so today is day 1);
 * null once the warm-up is over.
 */
export function warmUpDay(firstActive: string | null, today: string): number | null {
  if (firstActive === null) return 1;
  const day = Math.round((Date.parse(today) - Date.parse(firstActive)) / DAY_MS) + 1;
  return day <= WARM_UP_DAYS ? Math.max(1, day) : null;
}

/** The share of each limit on a warm-up day: WARM_UP_START on day 1, all of it on the last. */
export function warmUpShare(day: number): number {
  const progress = Math.min(1, Math.max(0, (day - 1) / (WARM_UP_DAYS - 1)));
  return WARM_UP_START + (1 - WARM_UP_START) * progress;
}

/** A limit on a warm-up day: never below 1 where the limit is above 0. */
export function warmedUpLimit(limit: number, day: number): number {
  if (limit <= 0) return limit;
  return Math.max(1, Math.min(limit, Math.round(limit * warmUpShare(day))));
}

export interface WarmUp {
  /** 1 to WARM_UP_DAYS; null when the warm-up is over or off. */
  day: number | null;
  limits: Limits;
  /** The limits among those asked for that the warm-up lowered, said for the run log. */
  lowered: string[];
}

/** The limits on `today` for an account first active on `firstActive` (local dates). */
export function warmUp(
  limits: Limits,
  firstActive: string | null,
  today: string,
  names: readonly LimitName[],
): WarmUp {
  const day = limits.warm_up ? warmUpDay(firstActive, today) : null;
  if (day === null) return { day, limits, lowered: [] };
  const warmed = { ...limits };
  const lowered: string[] = [];
  for (const name of names) {
    warmed[name] = warmedUpLimit(limits[name], day);
    if (warmed[name] < limits[name]) {
      lowered.push(`${LIMIT_LABELS[name]} ${warmed[name]} instead of ${limits[name]}`);
    }
  }
  return { day, limits: warmed, lowered };
}
