import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { ManualClock, seedFinishedRun, seedParisWeek } from '../testing.ts';

// Sunday 15 June 2025, 12:00 in Paris (UTC+2).
const NOW = '2025-06-15T10:00:00.000Z';

describe('GET /api/history', () => {
  const t = useTestApp({ clock: new ManualClock(NOW) });

  const history = async (query = '') => {
    const res = await t.request({ method: 'GET', url: `/api/history${query}` });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('returns exactly 7 zero-filled local days by default, oldest first, ending today', async () => {
    const body = await history();
    expect(body.days.map((d: { date: string }) => d.date)).toEqual([
      '2025-06-09',
      '2025-06-10',
      '2025-06-11',
      '2025-06-12',
      '2025-06-13',
      '2025-06-14',
      '2025-06-15',
    ]);
    for (const day of body.days) {
      expect(day).toEqual({
        date: day.date,
        messages_sent: 0,
        profiles_visited: 0,
        invitations_withdrawn: 0,
        errors: 0,
      });
    }
    expect(body.totals).toEqual({
      messages_sent: 0,
      profiles_visited: 0,
      invitations_withdrawn: 0,
      errors: 0,
    });
  });

  it('returns exactly N days for days=N (1 and 90 included)', async () => {
    for (const n of [1, 2, 30, 90]) {
      const body = await history(`?days=${n}`);
      expect(body.granularity).toBe('day');
      expect(body.days).toHaveLength(n);
      expect(body.days.at(-1).date).toBe('2025-06-15');
    }
    expect((await history('?days=90')).days[0].date).toBe('2025-03-18');
  });

  it('counts runs on their local date in the settings timezone', async () => {
    // 100 sent on the 8th, outside the 7 days.
    await seedParisWeek(t.ctx.store, 100);

    const body = await history();
    const byDate = Object.fromEntries(body.days.map((d: { date: string }) => [d.date, d]));
    expect(byDate['2025-06-15']).toMatchObject({ messages_sent: 5, errors: 1 });
    expect(byDate['2025-06-14']).toMatchObject({ messages_sent: 0, profiles_visited: 10 });
    expect(byDate['2025-06-09']).toMatchObject({ invitations_withdrawn: 4 });
    expect(body.totals).toEqual({
      messages_sent: 5,
      profiles_visited: 10,
      invitations_withdrawn: 4,
      errors: 1,
    });

    const patched = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { schedule: { timezone: 'UTC' } },
    });
    expect(patched.statusCode).toBe(200);
    const utc = await history();
    const utcByDate = Object.fromEntries(utc.days.map((d: { date: string }) => [d.date, d]));
    expect(utcByDate['2025-06-15'].messages_sent).toBe(3);
    expect(utcByDate['2025-06-14'].messages_sent).toBe(2);
    // The 8th 21:59 UTC is still outside [9th, 15th].
    expect(utc.totals.messages_sent).toBe(5);
  });

  it('sums a long range per week (from Monday) and "all" per month from the first run, totals kept', async () => {
    const seed = (at: string, messages_sent: number) =>
      seedFinishedRun(t.ctx.store, { at, counters: { messages_sent } });
    // Paris local times: the 1st run is on Tuesday 1 March 2022 (00:30 local, still Feb 28 in UTC).
    await seed('2022-02-28T23:30:00.000Z', 1);
    await seed('2025-01-06T09:00:00.000Z', 2); // Monday 6 January 2025
    await seed('2025-01-12T09:00:00.000Z', 4); // Sunday 12 January 2025: the same week
    await seed('2025-06-15T09:00:00.000Z', 8); // today, a Sunday

    const year = await history('?days=365');
    expect(year.granularity).toBe('week');
    // 365 days ending on Sunday 15 June 2025 start on Sunday 16 June 2024: its week, from Monday the 10th.
    expect(year.days[0].date).toBe('2024-06-10');
    expect(year.days.at(-1).date).toBe('2025-06-09');
    for (const week of year.days) expect(new Date(`${week.date}T00:00:00Z`).getUTCDay()).toBe(1);
    const weeks = Object.fromEntries(year.days.map((d: { date: string }) => [d.date, d]));
    expect(weeks['2025-01-06'].messages_sent).toBe(6);
    expect(weeks['2025-06-09'].messages_sent).toBe(8);
    expect(year.totals.messages_sent).toBe(14);

    const all = await history('?days=all');
    expect(all.granularity).toBe('month');
    expect(all.days[0]).toMatchObject({ date: '2022-03-01', messages_sent: 1 });
    expect(all.days.at(-1)).toMatchObject({ date: '2025-06-01', messages_sent: 8 });
    expect(all.days).toHaveLength(40); // March 2022 to June 2025
    expect(all.days.find((d: { date: string }) => d.date === '2025-01-01').messages_sent).toBe(6);
    expect(all.totals.messages_sent).toBe(15);

    // At most 3650 days, still per month.
    const decade = await history('?days=3650');
    expect(decade.granularity).toBe('month');
    expect(decade.totals.messages_sent).toBe(15);
    expect((await history('?days=92')).granularity).toBe('day');
    expect((await history('?days=93')).days[0].date).toBe('2025-03-10');
  });

  it('answers "all" with the last 7 days at least, per day, when the first run is recent or none', async () => {
    const none = await history('?days=all');
    expect(none.granularity).toBe('day');
    expect(none.days.map((d: { date: string }) => d.date)).toEqual(
      (await history('?days=7')).days.map((d: { date: string }) => d.date),
    );
    expect(none.totals.messages_sent).toBe(0);
    const run = await seedFinishedRun(t.ctx.store, {
      at: '2025-06-01T09:00:00.000Z',
      counters: { messages_sent: 3 },
    });
    // As the run service does when a run ends: the cached answers go.
    t.ctx.bus.emit('run', run);
    const recent = await history('?days=all');
    expect(recent.granularity).toBe('day');
    expect(recent.days).toHaveLength(15);
    expect(recent.days[0]).toMatchObject({ date: '2025-06-01', messages_sent: 3 });
  });

  it('rejects days outside 1–3650 or not an integer nor "all", naming the field', async () => {
    for (const bad of ['0', '3651', '1.5', 'abc', '-3', '', 'ALL']) {
      const res = await t.request({ method: 'GET', url: `/api/history?days=${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields).toHaveProperty(['days']);
    }
  });
});
