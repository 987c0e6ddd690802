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
 * window is still open (the server was down, auto-run was just switched on or the bots
 * resumed) gets a new random minute later in that window, never a run at once: a run
 * starting the second a user resumes is neither what the card said nor human-looking.
 * `previous` is the plan already made: a catch-up minute still ahead is kept, so replans
 * (a run ended, a setting changed) do not move it again.
 */
export function nextRun(input: {
  now: Date;
  schedule: Schedule;
  seed: string;
  hasRunOn: (localDate: string) => boolean;
  previous?: { at: Date; localDate: string } | null;
}): { at: Date; localDate: string } | null {
  const { now, schedule, seed, hasRunOn, previous } = input;
  if (!schedule.auto_run) return null;
  const today = DateTime.fromISO(localDateOf(now, schedule.timezone), { zone: 'utc' });
  for (let i = 0; i < LOOKAHEAD_DAYS; i++) {
    const localDate = today.plus({ days: i }).toISODate()!;
    if (hasRunOn(localDate)) continue;
    const window = windowUtc(localDate, schedule);
    if (now >= window.end) continue;
    const planned = plannedTimeForDate(localDate, schedule, seed);
    if (planned >= now) return { at: planned, localDate };
    if (
      previous &&
      previous.localDate === localDate &&
      previous.at >= now &&
      previous.at >= window.start &&
      previous.at < window.end
    ) {
      return { at: previous.at, localDate };
    }
    const later = catchUpTime(now, window.end, seed + localDate);
    if (later) return { at: later, localDate };
  }
  return null;
}

/**
 * A random whole minute in [now + 1 min, end), or null when the window closes before:
 * the day is then left to tomorrow. Random per call (seeded by the minute it is asked in);
 * the caller keeps the answer through `previous`.
 */
function catchUpTime(now: Date, end: Date, seed: string): Date | null {
  const first = Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const minutes = Math.ceil((end.getTime() - first) / MINUTE_MS);
  if (minutes <= 0) return null;
  const pick = createHash('sha256').update(`${seed}:catch-up:${first}`).digest().readUIntBE(0, 6) % minutes;
  return new Date(first + pick * MINUTE_MS);
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
