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

  it('is all zeros with the default limits on a fresh install', async () => {
    expect(await stats()).toEqual({
      today: zero,
      last_7_days: zero,
      last_30_days: zero,
      all_time: zero,
      quota: { daily: { used: 0, limit: 15 }, weekly: { used: 0, limit: 100 } },
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
