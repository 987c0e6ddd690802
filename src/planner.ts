import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Settings } from './config/settings.ts';

/**
 * When the daily scheduled run happens. Pure: the clock and the "did it run?" lookup are
 * arguments, so the scheduler, the status route and the tests all agree on the same answer.
 */

export type Schedule = Settings['schedule'];

const MINUTE_MS = 60_000;
/** How many days ahead nextRun looks for a day that has not run yet. */
const LOOKAHEAD_DAYS = 7;

function parseLocalDate(localDate: string, timezone: string): DateTime<true> {
  const day = DateTime.fromISO(localDate, { zone: timezone });
  if (!day.isValid || !/^\d{4}-\d{2}-\d{2}$/.test(localDate)) {
    throw new RangeError(
      `invalid local date ${JSON.stringify(localDate)} in zone ${JSON.stringify(timezone)}`,
    );
  }
  return day;
}

/** Real instant of a wall-clock time; luxon moves a time in a DST gap forward by the gap. */
function localInstant(localDate: string, hhmm: string, timezone: string): DateTime<true> {
  const { year, month, day } = parseLocalDate(localDate, timezone);
  const [hour, minute] = hhmm.split(':').map(Number);
  const at = DateTime.fromObject({ year, month, day, hour, minute }, { zone: timezone });
  if (!at.isValid) throw new RangeError(`invalid time ${JSON.stringify(hhmm)}`);
  return at;
}

/**
 * The window's real instants [start, end) on a local date. Measured in real time, so it is
 * an hour shorter or longer when a DST change falls inside it. A window starting in a DST
 * gap and ending just after it (02:30–03:10 on a spring-forward night shifts to 03:30–03:10)
 * would end before it starts: it is then one minute long, so that day still gets its run.
 */
export function windowUtc(localDate: string, schedule: Schedule): { start: Date; end: Date } {
  const start = localInstant(localDate, schedule.window_start, schedule.timezone).toMillis();
  const end = localInstant(localDate, schedule.window_end, schedule.timezone).toMillis();
  return { start: new Date(start), end: new Date(Math.max(end, start + MINUTE_MS)) };
}

/**
 * The day's run time: a minute of the window picked by hashing seed + date, so a restart
 * plans the same minute while consecutive days differ. The minute is counted in real time
 * from the window start, so the result always lies inside the window, DST days included.
 */
export function plannedTimeForDate(localDate: string, schedule: Schedule, seed: string): Date {
  const { start, end } = windowUtc(localDate, schedule);
  const minutes = Math.floor((end.getTime() - start.getTime()) / MINUTE_MS);
  // 48 bits of the hash: far more than the 1440 minutes of a day, so the modulo bias is nil.
  const pick =
    createHash('sha256')
      .update(seed + localDate)
      .digest()
      .readUIntBE(0, 6) % minutes;
  return new Date(start.getTime() + pick * MINUTE_MS);
}

/**
 * The next scheduled run, or null when auto-run is off (or, improbably, every day of the
 * look-ahead already ran). A day not yet run whose planned minute has passed while its
 * window is still open runs now: the server was down or auto-run was just switched on.
 */
export function nextRun(input: {
  now: Date;
  schedule: Schedule;
  seed: string;
  hasRunOn: (localDate: string) => boolean;
}): { at: Date; localDate: string } | null {
  const { now, schedule, seed, hasRunOn } = input;
  if (!schedule.auto_run) return null;
  const today = DateTime.fromISO(localDateOf(now, schedule.timezone), { zone: 'utc' });
  for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
    const localDate = today.plus({ days: i }).toISODate()!;
    if (hasRunOn(localDate)) continue;
    if (now >= windowUtc(localDate, schedule).end) continue;
    const planned = plannedTimeForDate(localDate, schedule, seed);
    return { at: new Date(Math.max(now.getTime(), planned.getTime())), localDate };
  }
  return null;
}

/** The calendar date (YYYY-MM-DD) an instant falls on in a time zone. */
export function localDateOf(instant: Date, timezone: string): string {
  const date = DateTime.fromJSDate(instant, { zone: timezone }).toISODate();
  if (date === null) throw new RangeError(`invalid instant or zone ${JSON.stringify(timezone)}`);
  return date;
}

/**
 * [local midnight, next local midnight) as ISO UTC strings, for querying one local day.
 * 23 or 25 hours long on DST days; where midnight itself is skipped (e.g. America/Santiago)
 * the day starts at its first real instant.
 */
export function dayBoundsUtc(localDate: string, timezone: string): { from: string; to: string } {
  const from = parseLocalDate(localDate, timezone);
  const nextDate = DateTime.fromISO(localDate, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
  const to = parseLocalDate(nextDate, timezone);
  return { from: from.toJSDate().toISOString(), to: to.toJSDate().toISOString() };
}
