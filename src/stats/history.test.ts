import { describe, expect, it } from 'vitest';
import { buildHistory, type HistoryRow, historyRangeUtc } from './history.ts';

const PARIS = 'Europe/Paris';

function row(at: string, counts: Partial<Omit<HistoryRow, 'at'>> = {}): HistoryRow {
  return { at, messages_sent: 0, profiles_visited: 0, invitations_withdrawn: 0, errors: 0, ...counts };
}

describe('buildHistory', () => {
  it('returns 7 zero-filled days, oldest first, ending today', () => {
    const history = buildHistory({
      days: 7,
      now: new Date('2026-07-15T10:00:00Z'),
      timezone: PARIS,
      rows: [],
    });
    expect(history.days.map((d) => d.date)).toEqual([
      '2026-07-09',
      '2026-07-10',
      '2026-07-11',
      '2026-07-12',
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
    ]);
    for (const day of history.days) {
      expect(day).toEqual({
        date: day.date,
        messages_sent: 0,
        profiles_visited: 0,
        invitations_withdrawn: 0,
        errors: 0,
      });
    }
    expect(history.totals).toEqual({
      messages_sent: 0,
      profiles_visited: 0,
      invitations_withdrawn: 0,
      errors: 0,
    });
  });

  it('takes today in the timezone: 22:30Z in Paris summer is already tomorrow', () => {
    const history = buildHistory({
      days: 2,
      now: new Date('2026-07-15T22:30:00Z'),
      timezone: PARIS,
      rows: [],
    });
    expect(history.days.map((d) => d.date)).toEqual(['2026-07-15', '2026-07-16']);
  });

  it('buckets rows by local date around local midnight', () => {
    const rows = [
      row('2026-07-13T21:59:59.999Z', { messages_sent: 1 }), // 23:59 on the 13th in Paris
      row('2026-07-13T23:30:00.000Z', { messages_sent: 2 }), // 01:30 on the 14th in Paris
      row('2026-07-14T22:00:00.000Z', { profiles_visited: 5 }), // local midnight of the 15th
      row('2026-07-15T21:59:00.000Z', { errors: 1 }), // last minute of today
      row('2026-07-15T22:00:00.000Z', { errors: 7 }), // tomorrow: ignored
      row('2026-07-01T12:00:00.000Z', { messages_sent: 9 }), // before the range: ignored
    ];
    const history = buildHistory({ days: 3, now: new Date('2026-07-15T12:00:00Z'), timezone: PARIS, rows });
    expect(history.days).toEqual([
      { date: '2026-07-13', messages_sent: 1, profiles_visited: 0, invitations_withdrawn: 0, errors: 0 },
      { date: '2026-07-14', messages_sent: 2, profiles_visited: 0, invitations_withdrawn: 0, errors: 0 },
      { date: '2026-07-15', messages_sent: 0, profiles_visited: 5, invitations_withdrawn: 0, errors: 1 },
    ]);
  });

  it('handles a week containing a DST change', () => {
    // 2026-10-25 is 25 hours long in Paris: 22:00Z on the 24th and 23:30Z on the 25th are both the 25th.
    const rows = [
      row('2026-10-24T21:59:00Z', { messages_sent: 1 }),
      row('2026-10-24T22:00:00Z', { messages_sent: 2 }),
      row('2026-10-25T22:30:00Z', { messages_sent: 4 }),
      row('2026-10-25T23:00:00Z', { messages_sent: 8 }),
    ];
    const history = buildHistory({ days: 7, now: new Date('2026-10-28T09:00:00Z'), timezone: PARIS, rows });
    expect(history.days.map((d) => d.date)).toEqual([
      '2026-10-22',
      '2026-10-23',
      '2026-10-24',
      '2026-10-25',
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
    ]);
    expect(history.days.map((d) => d.messages_sent)).toEqual([0, 0, 1, 6, 8, 0, 0]);
  });

  it('returns exactly one day for days=1', () => {
    const rows = [row('2026-07-15T05:00:00Z', { invitations_withdrawn: 3 }), row('2026-07-14T05:00:00Z')];
    const history = buildHistory({ days: 1, now: new Date('2026-07-15T20:00:00Z'), timezone: PARIS, rows });
    expect(history.days).toEqual([
      { date: '2026-07-15', messages_sent: 0, profiles_visited: 0, invitations_withdrawn: 3, errors: 0 },
    ]);
  });

  it('returns 90 consecutive days for days=90 with totals equal to the sum of the days', () => {
    const now = new Date('2026-07-15T10:00:00Z');
    const rows = Array.from({ length: 200 }, (_, i) =>
      row(new Date(now.getTime() - i * 11 * 3_600_000).toISOString(), {
        messages_sent: i % 5,
        profiles_visited: i % 3,
        invitations_withdrawn: i % 2,
        errors: i % 7 === 0 ? 1 : 0,
      }),
    );
    const history = buildHistory({ days: 90, now, timezone: PARIS, rows });
    expect(history.days).toHaveLength(90);
    expect(history.days[0]!.date).toBe('2026-04-17');
    expect(history.days.at(-1)!.date).toBe('2026-07-15');
    // Consecutive dates across the whole range.
    for (let i = 1; i < 90; i++) {
      const step = Date.parse(history.days[i]!.date) - Date.parse(history.days[i - 1]!.date);
      expect(step).toBe(86_400_000);
    }
    for (const key of ['messages_sent', 'profiles_visited', 'invitations_withdrawn', 'errors'] as const) {
      const sum = history.days.reduce((acc, d) => acc + d[key], 0);
      expect(history.totals[key]).toBe(sum);
      expect(sum).toBeGreaterThan(0);
    }
    // 200 rows 11 h apart span ~92 days: the oldest fall outside and are not counted.
    const allMessages = rows.reduce((acc, r) => acc + r.messages_sent, 0);
    expect(history.totals.messages_sent).toBeLessThan(allMessages);
  });

  it('rejects a non-positive or fractional day count', () => {
    const now = new Date('2026-07-15T10:00:00Z');
    expect(() => buildHistory({ days: 0, now, timezone: PARIS, rows: [] })).toThrow(RangeError);
    expect(() => buildHistory({ days: 1.5, now, timezone: PARIS, rows: [] })).toThrow(RangeError);
  });
});

describe('historyRangeUtc', () => {
  it('spans local midnight of the first day to the midnight after today', () => {
    expect(historyRangeUtc(7, new Date('2026-07-15T10:00:00Z'), PARIS)).toEqual({
      from: '2026-07-08T22:00:00.000Z',
      to: '2026-07-15T22:00:00.000Z',
    });
    expect(historyRangeUtc(1, new Date('2026-07-15T10:00:00Z'), 'Asia/Kolkata')).toEqual({
      from: '2026-07-14T18:30:00.000Z',
      to: '2026-07-15T18:30:00.000Z',
    });
  });

  it('follows the offset change across a DST week', () => {
    // 2026-03-29 in Paris: the range starts in CET (+01:00) and ends in CEST (+02:00).
    expect(historyRangeUtc(7, new Date('2026-04-01T10:00:00Z'), PARIS)).toEqual({
      from: '2026-03-25T23:00:00.000Z',
      to: '2026-04-01T22:00:00.000Z',
    });
  });

  it('agrees with buildHistory on which rows count', () => {
    const now = new Date('2026-10-28T09:00:00Z');
    const { from, to } = historyRangeUtc(7, now, PARIS);
    const inside = [
      row(from, { messages_sent: 1 }),
      row(new Date(Date.parse(to) - 1).toISOString(), { errors: 1 }),
    ];
    const outside = [
      row(new Date(Date.parse(from) - 1).toISOString(), { messages_sent: 5 }),
      row(to, { errors: 5 }),
    ];
    const history = buildHistory({ days: 7, now, timezone: PARIS, rows: [...inside, ...outside] });
    expect(history.totals).toEqual({
      messages_sent: 1,
      profiles_visited: 0,
      invitations_withdrawn: 0,
      errors: 1,
    });
  });
});
