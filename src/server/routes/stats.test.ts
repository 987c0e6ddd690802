import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import type { Store } from '../../store/interfaces.ts';
import { ManualClock, seedFinishedRun, seedParisWeek } from '../testing.ts';

// Sunday 15 June 2025, 12:00 in Paris (UTC+2).
const NOW = '2025-06-15T10:00:00.000Z';

async function confirmedWish(store: Store, runId: string, slug: string, at: string, dryRun = false) {
  const msg = await store.birthdayMessages.createIntent({
    account_id: DEFAULT_ACCOUNT_ID,
    contact_slug: slug,
    birthday_date: at.slice(0, 10),
    run_id: runId,
    template: 't',
    text: 'Joyeux anniversaire !',
    dry_run: dryRun,
    created_at: at,
  });
  await store.birthdayMessages.confirm(msg!.id, at);
}

describe('GET /api/stats', () => {
  const t = useTestApp({ clock: new ManualClock(NOW) });

  const stats = async () => {
    const res = await t.request({ method: 'GET', url: '/api/stats' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const zero = { messages_sent: 0, profiles_visited: 0, invitations_withdrawn: 0, errors: 0, runs: 0 };

  const windows = ['today', 'last_7_days', 'last_30_days', 'last_90_days', 'all_time'] as const;
  const perWindow = <T>(value: T) => Object.fromEntries(windows.map((w) => [w, value]));

  it('is all zeros with the default limits on a fresh install', async () => {
    expect(await stats()).toEqual({
      today: zero,
      last_7_days: zero,
      last_30_days: zero,
      last_90_days: zero,
      all_time: zero,
      bots: {
        birthday: perWindow({ runs: 0, messages_sent: 0, skipped: 0, errors: 0 }),
        visitor: perWindow({ runs: 0, profiles_visited: 0, errors: 0 }),
        invitations: perWindow({ runs: 0, invitations_withdrawn: 0, errors: 0 }),
      },
      quota: { daily: { used: 0, limit: 15 }, weekly: { used: 0, limit: 100 } },
    });
  });

  it('counts the last 90 local days across a DST change, and each bot its own figures', async () => {
    const store = t.ctx.store;
    await seedParisWeek(store, 7);
    // Paris was UTC+1 until 30 March: 2025-03-17T23:00Z is midnight opening day 90 (18 March).
    await seedFinishedRun(store, { at: '2025-03-17T23:00:00.000Z', counters: { messages_sent: 17 } });
    await seedFinishedRun(store, { at: '2025-03-17T22:59:00.000Z', counters: { messages_sent: 19 } });
    await seedFinishedRun(store, {
      at: '2025-04-01T08:00:00.000Z',
      type: 'visitor',
      counters: { profiles_visited: 6, errors: 2 },
    });
    await seedFinishedRun(store, {
      at: '2025-06-15T07:00:00.000Z',
      type: 'invitations',
      counters: { invitations_withdrawn: 3, skipped: 1 },
    });
    await seedFinishedRun(store, { at: '2025-06-15T07:30:00.000Z', counters: { skipped: 4 } });

    const body = await stats();
    expect(body.last_90_days).toEqual({
      messages_sent: 5 + 7 + 17,
      profiles_visited: 16,
      invitations_withdrawn: 7,
      errors: 3,
      runs: 9,
    });
    expect(body.all_time.messages_sent).toBe(5 + 7 + 17 + 19);
    expect(body.bots.birthday).toEqual({
      today: { runs: 3, messages_sent: 5, skipped: 4, errors: 1 },
      last_7_days: { runs: 3, messages_sent: 5, skipped: 4, errors: 1 },
      last_30_days: { runs: 4, messages_sent: 12, skipped: 4, errors: 1 },
      last_90_days: { runs: 5, messages_sent: 29, skipped: 4, errors: 1 },
      all_time: { runs: 6, messages_sent: 48, skipped: 4, errors: 1 },
    });
    expect(body.bots.visitor).toEqual({
      today: { runs: 0, profiles_visited: 0, errors: 0 },
      last_7_days: { runs: 1, profiles_visited: 10, errors: 0 },
      last_30_days: { runs: 1, profiles_visited: 10, errors: 0 },
      last_90_days: { runs: 2, profiles_visited: 16, errors: 2 },
      all_time: { runs: 2, profiles_visited: 16, errors: 2 },
    });
    expect(body.bots.invitations.today).toEqual({ runs: 1, invitations_withdrawn: 3, errors: 0 });
    expect(body.bots.invitations.last_7_days).toEqual({ runs: 2, invitations_withdrawn: 7, errors: 0 });

    // The 90-day numbers agree with GET /api/history (days=90).
    const history = (await t.request({ method: 'GET', url: '/api/history?days=90' })).json();
    expect(history.totals).toEqual({
      messages_sent: body.last_90_days.messages_sent,
      profiles_visited: body.last_90_days.profiles_visited,
      invitations_withdrawn: body.last_90_days.invitations_withdrawn,
      errors: body.last_90_days.errors,
    });
  });

  it('counts today from local midnight, the last 7 and 30 local days, and all time', async () => {
    const store = t.ctx.store;
    await seedParisWeek(store, 7);
    await seedFinishedRun(store, { at: '2025-05-17T10:00:00.000Z', counters: { messages_sent: 11 } }); // day 30
    await seedFinishedRun(store, { at: '2025-05-16T10:00:00.000Z', counters: { messages_sent: 13 } }); // day 31

    const body = await stats();
    expect(body.today).toEqual({
      messages_sent: 5,
      profiles_visited: 0,
      invitations_withdrawn: 0,
      errors: 1,
      runs: 2,
    });
    expect(body.last_7_days).toEqual({
      messages_sent: 5,
      profiles_visited: 10,
      invitations_withdrawn: 4,
      errors: 1,
      runs: 4,
    });
    expect(body.last_30_days).toEqual({
      messages_sent: 23,
      profiles_visited: 10,
      invitations_withdrawn: 4,
      errors: 1,
      runs: 6,
    });
    expect(body.all_time).toEqual({
      messages_sent: 36,
      profiles_visited: 10,
      invitations_withdrawn: 4,
      errors: 1,
      runs: 7,
    });

    // The 7-day numbers agree with GET /api/history (days=7).
    const history = (await t.request({ method: 'GET', url: '/api/history?days=7' })).json();
    expect(history.totals).toEqual({
      messages_sent: body.last_7_days.messages_sent,
      profiles_visited: body.last_7_days.profiles_visited,
      invitations_withdrawn: body.last_7_days.invitations_withdrawn,
      errors: body.last_7_days.errors,
    });
  });

  it('shows quota use of real wishes against the limits from settings', async () => {
    const store = t.ctx.store;
    const run = await seedFinishedRun(store, {
      at: '2025-06-10T08:00:00.000Z',
      counters: { messages_sent: 6 },
    });
    await confirmedWish(store, run.id, 'a', '2025-06-15T08:00:00.000Z');
    await confirmedWish(store, run.id, 'b', '2025-06-14T22:30:00.000Z'); // today in Paris
    await confirmedWish(store, run.id, 'c', '2025-06-10T08:00:00.000Z');
    await confirmedWish(store, run.id, 'd', '2025-06-08T08:00:00.000Z'); // 8 days ago
    await confirmedWish(store, run.id, 'e', '2025-06-15T09:00:00.000Z', true); // dry run: not sent

    const patched = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { limits: { daily: 5, weekly: 30 } },
    });
    expect(patched.statusCode).toBe(200);
    expect((await stats()).quota).toEqual({ daily: { used: 2, limit: 5 }, weekly: { used: 3, limit: 30 } });
  });
});
