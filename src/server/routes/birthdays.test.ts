import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/testApp.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { ManualClock } from '../testing.ts';

/** 12:00 in Paris, inside the default window (07:00–19:00). */
const NOW = '2025-06-15T10:00:00.000Z';
const ACCOUNT = DEFAULT_ACCOUNT_ID;

describe('/api/birthdays', () => {
  const clock = new ManualClock(NOW);
  const t = useTestApp({ clock });

  const preview = async () => {
    const res = await t.request({ method: 'GET', url: '/api/birthdays/preview' });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const wish = (slug: string, payload?: object) =>
    t.request({ method: 'POST', url: `/api/birthdays/${slug}/wish`, payload: payload ?? {} });

  const card = (slug: string, days_late: number | null) => ({
    slug,
    name: slug.replace(/-/g, ' '),
    profile_url: `http://127.0.0.1:9/in/${slug}`,
    days_late,
  });

  /** A finished dry run that read these cards on 2025-06-15. */
  async function seedListing(contacts: ReturnType<typeof card>[], seenAt = NOW) {
    const { store } = t.ctx;
    const run = await store.runs.createIfIdle({
      account_id: ACCOUNT,
      type: 'birthday',
      trigger: 'manual',
      dry_run: true,
      options: {},
      queued_at: seenAt,
    });
    await store.runs.finish(run!.id, { status: 'succeeded', at: seenAt });
    await store.birthdayListings.record({
      run_id: run!.id,
      account_id: ACCOUNT,
      seen_at: seenAt,
      local_date: '2025-06-15',
      contacts,
    });
    return run!;
  }

  async function seedWished(slug: string, birthdayDate: string) {
    const ledger = t.ctx.store.birthdayMessages;
    const msg = await ledger.createIntent({
      account_id: ACCOUNT,
      contact_slug: slug,
      birthday_date: birthdayDate,
      run_id: 'seed',
      template: 't',
      text: 't',
      dry_run: false,
      created_at: '2025-06-01T10:00:00.000Z',
    });
    await ledger.confirm(msg!.id, '2025-06-01T10:00:00.000Z');
  }

  it('is empty before any birthday run read the page', async () => {
    expect(await preview()).toMatchObject({
      as_of: null,
      run_id: null,
      run: null,
      today: '2025-06-15',
      contacts: [],
    });
  });

  it("lists today's and late birthdays in the bot's order with what a run would do now", async () => {
    const patch = await t.request({
      method: 'PATCH',
      url: '/api/settings',
      payload: { limits: { warm_up: false, per_run: 2 } },
    });
    expect(patch.statusCode).toBe(200);
    const run = await seedListing([
      card('late-three', 3),
      card('too-late', 12),
      card('today-one', 0),
      card('today-blocked', 0),
      card('wished-today', 0),
      card('belated', null),
      card('late-one', 1),
    ]);
    await t.ctx.store.blacklist.add({
      account_id: ACCOUNT,
      name: null,
      profile_url: 'http://127.0.0.1:9/in/today-blocked',
      reason: null,
      created_at: NOW,
    });
    await seedWished('wished-today', '2025-06-15');
    // One contact was given English; the account writes in French (the default).
    await t.ctx.store.contacts.upsert({
      account_id: ACCOUNT,
      slug: 'late-one',
      name: 'late one',
      profile_url: 'http://127.0.0.1:9/in/late-one',
      updated_at: NOW,
    });
    await t.ctx.store.contacts.setLanguage(ACCOUNT, 'late-one', 'en', NOW);

    const p = await preview();
    expect(p).toMatchObject({
      as_of: NOW,
      run_id: run.id,
      run: { id: run.id, dry_run: true },
      seen_on: '2025-06-15',
    });
    expect(p.remaining).toBe(2);
    const rows = (p.contacts as { slug: string; status: string; days_late: number | null }[]).map((c) => [
      c.slug,
      c.days_late,
      c.status,
    ]);
    // Today's first; the two wishes left (per-run limit 2) go to the first two that can be
    // wished: today-one, then late-one (the blacklisted and the wished one take no room).
    expect(
      rows
        .slice(0, 3)
        .map((r) => r[0])
        .sort(),
    ).toEqual(['today-blocked', 'today-one', 'wished-today']);
    expect(rows.slice(3)).toEqual([
      ['late-one', 1, 'will_wish'],
      ['late-three', 3, 'limit'],
      ['too-late', 12, 'too_late'],
      ['belated', null, 'limit'],
    ]);
    const bySlug = Object.fromEntries((p.contacts as { slug: string }[]).map((c) => [c.slug, c])) as Record<
      string,
      Record<string, unknown>
    >;
    expect(bySlug['today-one']).toMatchObject({
      status: 'will_wish',
      template_kind: 'today',
      birthday_date: '2025-06-15',
    });
    expect(bySlug['today-blocked']).toMatchObject({ status: 'blacklisted' });
    expect(bySlug['wished-today']).toMatchObject({ status: 'already_wished' });
    expect(bySlug['late-one']).toMatchObject({
      template_kind: 'late',
      birthday_date: '2025-06-14',
      language: 'en',
      wish_language: 'en',
    });
    expect(bySlug['today-one']).toMatchObject({ language: null, wish_language: 'fr' });
    expect(bySlug.belated).toMatchObject({ birthday_date: null, template_kind: 'late' });
  });

  it('counts lateness from today when the page was read on an earlier day', async () => {
    await seedListing([card('today-one', 0)]);
    clock.set('2025-06-16T10:00:00.000Z');
    try {
      const p = await preview();
      expect(p).toMatchObject({ seen_on: '2025-06-15', today: '2025-06-16' });
      expect(p.contacts[0]).toMatchObject({
        days_late: 1,
        birthday_date: '2025-06-15',
        template_kind: 'late',
      });
    } finally {
      clock.set(NOW);
    }
  });

  it('wish now starts a birthday run for that contact alone', async () => {
    await seedListing([card('today-one', 0), card('today-two', 0)]);
    const res = await wish('today-one', { dry_run: true });
    expect(res.statusCode).toBe(202);
    expect(res.json().run).toMatchObject({
      type: 'birthday',
      dry_run: true,
      trigger: 'api',
      options: { only_contacts: ['today-one'] },
    });
    const stored = await t.ctx.store.runs.get(res.json().run.id);
    expect(stored?.options).toEqual({ only_contacts: ['today-one'] });
  });

  it('refuses unknown contacts, bad slugs, bad bodies, blacklisted and already wished ones, and starts nothing', async () => {
    await seedListing([card('today-one', 0), card('wished-today', 0)]);
    await seedWished('wished-today', '2025-06-15');
    await t.ctx.store.blacklist.add({
      account_id: ACCOUNT,
      name: 'today one',
      profile_url: null,
      reason: null,
      created_at: NOW,
    });
    const unknown = await wish('nobody-seen');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('unknown_contact');
    expect((await wish('a%20b')).statusCode).toBe(400);
    expect((await wish('today-one', { dry_run: 'yes' })).statusCode).toBe(400);
    expect((await wish('today-one', { extra: 1 })).statusCode).toBe(400);
    const blocked = await wish('today-one');
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('blacklisted');
    const wished = await wish('wished-today');
    expect(wished.statusCode).toBe(409);
    expect(wished.json().error.code).toBe('already_wished');
    expect(await t.ctx.store.runs.listActive(ACCOUNT)).toEqual([]);
  });

  it('a real wish outside the daily window needs force, as a manual start', async () => {
    await seedListing([card('today-one', 0)]);
    clock.set('2025-06-15T20:00:00.000Z');
    try {
      const refused = await wish('today-one', { dry_run: false });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.code).toBe('outside_window');
      expect(await t.ctx.store.runs.listActive(ACCOUNT)).toEqual([]);
      const forced = await wish('today-one', { dry_run: false, force: true });
      expect(forced.statusCode).toBe(202);
      expect(forced.json().run.options).toEqual({ only_contacts: ['today-one'], force: true });
    } finally {
      clock.set(NOW);
    }
  });

  it('needs authentication', async () => {
    const res = await t.request({ method: 'GET', url: '/api/birthdays/preview', headers: {} });
    expect(res.statusCode).toBe(401);
  });
});
