import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  dayBoundsUtc,
  localDateOf,
  nextRun,
  plannedTimeForDate,
  type Schedule,
  windowUtc,
} from './planner.ts';

const paris: Schedule = {
  auto_run: true,
  window_start: '07:00',
  window_end: '19:00',
  timezone: 'Europe/Paris',
};
const SEED = 'account-default';
const never = () => false;

function datesFrom(first: string, count: number): string[] {
  const start = DateTime.fromISO(first, { zone: 'utc' });
  return Array.from({ length: count }, (_, i) => start.plus({ days: i }).toISODate()!);
}

/** Wall-clock HH:MM of an instant in a zone. */
function wallTime(at: Date, timezone: string): string {
  return DateTime.fromJSDate(at, { zone: timezone }).toFormat('HH:mm');
}

describe('plannedTimeForDate', () => {
  const cases: [string, Schedule, string][] = [
    // Both 2026 European DST changes fall in this range (03-29 and 10-25).
    ['Europe/Paris spring', paris, '2026-03-01'],
    ['Europe/Paris autumn', paris, '2026-09-20'],
    // A window that straddles the changes themselves (02:00-03:00 local).
    ['Europe/Paris night window', { ...paris, window_start: '01:00', window_end: '04:00' }, '2026-03-01'],
    [
      'Europe/Paris night window autumn',
      { ...paris, window_start: '01:00', window_end: '04:00' },
      '2026-09-20',
    ],
    [
      'America/New_York',
      { auto_run: true, window_start: '01:30', window_end: '03:30', timezone: 'America/New_York' },
      '2026-02-20',
    ],
    [
      'America/New_York autumn',
      { auto_run: true, window_start: '00:30', window_end: '02:30', timezone: 'America/New_York' },
      '2026-10-10',
    ],
    [
      'Asia/Kolkata',
      { auto_run: true, window_start: '09:15', window_end: '17:45', timezone: 'Asia/Kolkata' },
      '2026-01-01',
    ],
  ];

  it.each(cases)('stays inside the window for 60 consecutive days (%s)', (_name, schedule, first) => {
    for (const date of datesFrom(first, 60)) {
      const at = plannedTimeForDate(date, schedule, SEED);
      const { start, end } = windowUtc(date, schedule);
      expect(at.getTime(), date).toBeGreaterThanOrEqual(start.getTime());
      expect(at.getTime(), date).toBeLessThan(end.getTime());
      expect(localDateOf(at, schedule.timezone)).toBe(date);
      expect(at.getUTCSeconds() + at.getUTCMilliseconds()).toBe(0);
      // The local wall time reads inside the window too, DST days included.
      const wall = wallTime(at, schedule.timezone);
      expect(wall >= schedule.window_start && wall < schedule.window_end, `${date} ${wall}`).toBe(true);
    }
  });

  it('maps window edges in a DST gap to real instants', () => {
    // Paris 2026-03-29: 02:00-03:00 does not exist; 02:30 is shifted to 03:30 CEST (01:30Z).
    const gap = { ...paris, window_start: '02:30', window_end: '05:00' };
    expect(windowUtc('2026-03-29', gap).start.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // A window wholly inside the gap moves forward with it: 03:10-03:40 CEST.
    const inGap = { ...paris, window_start: '02:10', window_end: '02:40' };
    expect(windowUtc('2026-03-29', inGap)).toEqual({
      start: new Date('2026-03-29T01:10:00Z'),
      end: new Date('2026-03-29T01:40:00Z'),
    });
    // 02:30-03:10 would become 03:30-03:10 CEST: it keeps one real minute, so the day still runs.
    const inverted = { ...paris, window_start: '02:30', window_end: '03:10' };
    const { start, end } = windowUtc('2026-03-29', inverted);
    expect(start.toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(60_000);
    expect(plannedTimeForDate('2026-03-29', inverted, SEED)).toEqual(start);
  });

  it('measures the window in real time on DST days', () => {
    const night = { ...paris, window_start: '01:00', window_end: '04:00' };
    const hours = (date: string) => {
      const { start, end } = windowUtc(date, night);
      return (end.getTime() - start.getTime()) / 3_600_000;
    };
    expect(hours('2026-03-28')).toBe(3);
    expect(hours('2026-03-29')).toBe(2);
    expect(hours('2026-10-25')).toBe(4);
  });

  it('uses the right UTC offsets', () => {
    expect(windowUtc('2026-07-15', paris)).toEqual({
      start: new Date('2026-07-15T05:00:00Z'),
      end: new Date('2026-07-15T17:00:00Z'),
    });
    expect(windowUtc('2026-01-15', paris)).toEqual({
      start: new Date('2026-01-15T06:00:00Z'),
      end: new Date('2026-01-15T18:00:00Z'),
    });
    const ny = { ...paris, timezone: 'America/New_York' };
    expect(windowUtc('2026-07-15', ny).start.toISOString()).toBe('2026-07-15T11:00:00.000Z');
    expect(windowUtc('2026-01-15', ny).start.toISOString()).toBe('2026-01-15T12:00:00.000Z');
    const kolkata = { ...paris, timezone: 'Asia/Kolkata' };
    expect(windowUtc('2026-07-15', kolkata).start.toISOString()).toBe('2026-07-15T01:30:00.000Z');
    const at = plannedTimeForDate('2026-07-15', paris, SEED);
    expect(at >= new Date('2026-07-15T05:00:00Z') && at < new Date('2026-07-15T17:00:00Z')).toBe(true);
  });

  it('is deterministic for a seed and date, and varies across dates and seeds', () => {
    const dates = datesFrom('2026-05-01', 30);
    const first = dates.map((d) => plannedTimeForDate(d, paris, SEED).getTime());
    const again = dates.map((d) => plannedTimeForDate(d, paris, SEED).getTime());
    expect(again).toEqual(first);
    const minutesOfDay = new Set(
      dates.map((d) => wallTime(plannedTimeForDate(d, paris, SEED), paris.timezone)),
    );
    expect(minutesOfDay.size).toBeGreaterThan(20);
    const otherSeed = dates.map((d) => plannedTimeForDate(d, paris, 'other').getTime());
    expect(otherSeed).not.toEqual(first);
  });

  it('rejects a malformed date', () => {
    expect(() => plannedTimeForDate('2026-02-30', paris, SEED)).toThrow(RangeError);
    expect(() => plannedTimeForDate('2026-7-1', paris, SEED)).toThrow(RangeError);
  });
});

describe('nextRun', () => {
  const today = '2026-07-15';
  const planned = plannedTimeForDate(today, paris, SEED);
  const tomorrowPlanned = plannedTimeForDate('2026-07-16', paris, SEED);

  it('is null when auto-run is off', () => {
    expect(
      nextRun({ now: planned, schedule: { ...paris, auto_run: false }, seed: SEED, hasRunOn: never }),
    ).toBe(null);
  });

  it("plans today's time before the window", () => {
    const now = new Date('2026-07-15T04:00:00Z'); // 06:00 in Paris
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })).toEqual({
      at: planned,
      localDate: today,
    });
  });

  it("plans today's time inside the window before the planned minute", () => {
    const now = new Date('2026-07-15T05:00:00Z'); // 07:00 in Paris, the window start
    expect(planned > now).toBe(true); // holds for this seed and date
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })).toEqual({
      at: planned,
      localDate: today,
    });
  });

  it('plans a new random minute later in the window when the planned minute passed without a run', () => {
    const { end } = windowUtc(today, paris);
    for (const now of [new Date(planned.getTime() + 1000), new Date('2026-07-15T16:50:00Z')]) {
      const next = nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never });
      expect(next?.localDate).toBe(today);
      // Never at once: at least a minute ahead, a whole minute, before the window closes.
      expect(next!.at.getTime() - now.getTime()).toBeGreaterThanOrEqual(60_000);
      expect(next!.at.getTime()).toBeLessThan(end.getTime());
      expect(next!.at.getUTCSeconds() + next!.at.getUTCMilliseconds()).toBe(0);
    }
  });

  it('spreads the catch-up minutes over what is left of the window', () => {
    const from = new Date('2026-07-15T12:00:00Z'); // 14:00 in Paris, after this seed's minute
    expect(planned < from).toBe(true);
    const minutes = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const now = new Date(from.getTime() + i * 60_000);
      minutes.add(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })!.at.getTime());
    }
    expect(minutes.size).toBeGreaterThan(20);
  });

  it('keeps a catch-up minute already planned, so a replan does not move it', () => {
    const now = new Date('2026-07-15T12:00:00Z');
    const first = nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })!;
    const again = nextRun({
      now: new Date(now.getTime() + 30_000),
      schedule: paris,
      seed: SEED,
      hasRunOn: never,
      previous: first,
    });
    expect(again).toEqual(first);
    // Its minute come, it is due now (the timer fires it).
    expect(nextRun({ now: first.at, schedule: paris, seed: SEED, hasRunOn: never, previous: first })).toEqual(
      first,
    );
    // A plan for another day, or one already past, is not kept.
    const stale = { at: new Date(now.getTime() - 60_000), localDate: today };
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never, previous: stale })?.at).toEqual(
      first.at,
    );
    // A minute outside a narrowed window is not kept either.
    const narrowed = { ...paris, window_end: '14:30' };
    const inNarrow = nextRun({
      now,
      schedule: narrowed,
      seed: SEED,
      hasRunOn: never,
      previous: { at: new Date('2026-07-15T15:00:00Z'), localDate: today },
    });
    expect(inNarrow!.at.getTime()).toBeLessThan(new Date('2026-07-15T12:30:00Z').getTime());
  });

  it('leaves the day to tomorrow when less than a minute of the window is left', () => {
    const now = new Date('2026-07-15T16:59:30Z'); // 18:59:30 in Paris
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })).toEqual({
      at: tomorrowPlanned,
      localDate: '2026-07-16',
    });
  });

  it('moves to tomorrow once today ran', () => {
    const now = new Date('2026-07-15T04:00:00Z');
    const hasRunOn = (date: string) => date === today;
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn })).toEqual({
      at: tomorrowPlanned,
      localDate: '2026-07-16',
    });
  });

  it('moves to tomorrow after the window end', () => {
    for (const now of [new Date('2026-07-15T17:00:00Z'), new Date('2026-07-15T21:59:00Z')]) {
      expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })).toEqual({
        at: tomorrowPlanned,
        localDate: '2026-07-16',
      });
    }
  });

  it('skips the following days that already ran', () => {
    const ran = new Set(['2026-07-15', '2026-07-16', '2026-07-17']);
    const now = new Date('2026-07-15T10:00:00Z');
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: (d) => ran.has(d) })).toEqual({
      at: plannedTimeForDate('2026-07-18', paris, SEED),
      localDate: '2026-07-18',
    });
  });

  it("takes today's date in the settings timezone, not UTC", () => {
    // 22:30Z on the 15th is already the 16th in Paris (before its window).
    const now = new Date('2026-07-15T22:30:00Z');
    expect(nextRun({ now, schedule: paris, seed: SEED, hasRunOn: never })).toEqual({
      at: tomorrowPlanned,
      localDate: '2026-07-16',
    });
    // 03:00Z on the 16th is still the 15th in New York, after its 07:00-19:00 window.
    const ny = { ...paris, timezone: 'America/New_York' };
    const result = nextRun({
      now: new Date('2026-07-16T03:00:00Z'),
      schedule: ny,
      seed: SEED,
      hasRunOn: never,
    });
    expect(result?.localDate).toBe('2026-07-16');
  });
});

describe('localDateOf and dayBoundsUtc', () => {
  it('gives the local calendar date', () => {
    expect(localDateOf(new Date('2026-07-15T21:59:00Z'), 'Europe/Paris')).toBe('2026-07-15');
    expect(localDateOf(new Date('2026-07-15T22:00:00Z'), 'Europe/Paris')).toBe('2026-07-16');
    expect(localDateOf(new Date('2026-07-15T18:29:00Z'), 'Asia/Kolkata')).toBe('2026-07-15');
    expect(localDateOf(new Date('2026-07-15T18:30:00Z'), 'Asia/Kolkata')).toBe('2026-07-16');
  });

  it('spans local midnight to local midnight, 23 or 25 hours on DST days', () => {
    expect(dayBoundsUtc('2026-07-15', 'Europe/Paris')).toEqual({
      from: '2026-07-14T22:00:00.000Z',
      to: '2026-07-15T22:00:00.000Z',
    });
    expect(dayBoundsUtc('2026-03-29', 'Europe/Paris')).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
    expect(dayBoundsUtc('2026-10-25', 'Europe/Paris')).toEqual({
      from: '2026-10-24T22:00:00.000Z',
      to: '2026-10-25T23:00:00.000Z',
    });
    expect(dayBoundsUtc('2026-03-08', 'America/New_York')).toEqual({
      from: '2026-03-08T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
    expect(dayBoundsUtc('2026-07-15', 'Asia/Kolkata').from).toBe('2026-07-14T18:30:00.000Z');
  });

  it('starts a day whose midnight is skipped at its first real instant', () => {
    // America/Santiago springs forward at 00:00 on 2026-09-06.
    expect(dayBoundsUtc('2026-09-06', 'America/Santiago').from).toBe('2026-09-06T04:00:00.000Z');
  });
});
