import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { ManualClock, seedParisWeek } from '../testing.ts';

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

  it('rejects days outside 1–90 or not an integer, naming the field', async () => {
    for (const bad of ['0', '91', '1.5', 'abc', '-3', '']) {
      const res = await t.request({ method: 'GET', url: `/api/history?days=${bad}` });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.code).toBe('invalid_input');
      expect(res.json().error.details.fields).toHaveProperty(['days']);
    }
  });
});
