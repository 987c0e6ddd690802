/**
 * The daily window check of manual starts (`POST /api/bot/action`, wish now): a real birthday
 * run outside the window needs an explicit confirmation, so nobody sends wishes at 3 a.m. by
 * a stray click.
 */
import { conflict } from '../errors.ts';
import { localDateOf, type Schedule, windowUtc } from '../planner.ts';

/** Throws 409 `outside_window` (naming the window and the confirmation field) when `now` is outside today's window. */
export function assertInDailyWindow(now: Date, schedule: Readonly<Schedule>, confirmField: string): void {
  const { start, end } = windowUtc(localDateOf(now, schedule.timezone), schedule);
  if (now >= start && now < end) return;
  const { window_start, window_end, timezone } = schedule;
  throw conflict(
    'outside_window',
    `Outside the daily window (${window_start}–${window_end} ${timezone}): confirm with ${confirmField}`,
    { window_start, window_end, timezone },
  );
}
