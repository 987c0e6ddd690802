import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestStore, TestClock, type TestStore } from '../bots/testing/context.ts';
import { DEFAULT_SETTINGS, deepMerge, settingsSchema } from '../config/settings.ts';
import { saveSettings } from '../config/settingsStore.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import type { NotificationChannel, Store } from '../store/interfaces.ts';
import { DigestSchedule } from './digestSchedule.ts';

/** The daily digest's schedule over a real store, its clock moved by hand. */
describe('DigestSchedule', () => {
  let db: TestStore;
  let clock: TestClock;
  const errors: unknown[] = [];
  const logger = { error: (obj: { err?: unknown }) => errors.push(obj.err) };

  beforeEach(async () => {
    db = await createTestStore();
    clock = new TestClock('2026-06-15T12:00:00.000Z');
    errors.length = 0;
  });
  afterEach(async () => {
    await db.close();
    expect(errors).toEqual([]);
  });

  const schedule = () => new DigestSchedule({ store: db.store, clock, logger });
  const digests = async () =>
    (await db.store.notifications.undispatchedEvents(100)).filter((e) => e.event === 'daily_digest');

  async function settings(accountId: string, timezone: string, digestTime: string) {
    const value = settingsSchema.parse(
      deepMerge(DEFAULT_SETTINGS, {
        schedule: { ...DEFAULT_SETTINGS.schedule, timezone },
        notifications: { language: null, digest_time: digestTime },
      }),
    );
    await saveSettings(db.store, accountId, value, clock.now().toISOString());
  }

  async function channel(id: string, over: Partial<NotificationChannel> = {}) {
    await db.store.notifications.insertChannel({
      id,
      type: 'webhook',
      name: id,
      enabled: true,
      events: ['daily_digest', 'run_failed'],
      account_ids: null,
      language: 'en',
      config: { url: 'http://127.0.0.1:9/hook' },
      secrets_encrypted: null,
      created_by: 'admin',
      created_at: clock.now().toISOString(),
      updated_at: clock.now().toISOString(),
      ...over,
    });
  }

  it('records the account’s digest once its time has passed in its timezone, once a day', async () => {
    await settings(DEFAULT_ACCOUNT_ID, 'Europe/Paris', '20:00'); // 18:00 UTC in June
    await channel('c1');
    const s = schedule();
    clock.set('2026-06-15T17:59:30.000Z');
    await s.check();
    expect(await digests()).toEqual([]);

    clock.set('2026-06-15T18:00:10.000Z');
    await s.check();
    clock.advance(30_000);
    await s.check();
    const [first, ...others] = await digests();
    expect(others).toEqual([]);
    expect(first).toMatchObject({
      account_id: DEFAULT_ACCOUNT_ID,
      dedup_key: `daily_digest:${DEFAULT_ACCOUNT_ID}:2026-06-15`,
      created_at: '2026-06-15T18:00:10.000Z',
      data: { date: '2026-06-15', timezone: 'Europe/Paris', sent: 0, runs: [] },
    });

    // Still the same local day at 23:30 Paris; the next day is another digest.
    clock.set('2026-06-15T21:30:00.000Z');
    await s.check();
    expect(await digests()).toHaveLength(1);
    clock.set('2026-06-16T18:01:00.000Z');
    await s.check();
    expect((await digests()).map((e) => e.dedup_key)).toEqual([
      `daily_digest:${DEFAULT_ACCOUNT_ID}:2026-06-15`,
      `daily_digest:${DEFAULT_ACCOUNT_ID}:2026-06-16`,
    ]);
  });

  it('a server started after the time records the day’s digest at once, and only once whoever checks', async () => {
    await settings(DEFAULT_ACCOUNT_ID, 'Europe/Paris', '08:00');
    await channel('c1');
    clock.set('2026-06-15T15:00:00.000Z');
    const started = schedule();
    started.start();
    try {
      await started.check(); // the start's check, in flight or done
      expect(await digests()).toHaveLength(1);
      // Restarted, or a second server: the key keeps it once.
      await Promise.all([schedule().check(), schedule().check()]);
      expect(await digests()).toHaveLength(1);
    } finally {
      await started.stop();
    }
  });

  it('follows each account’s timezone', async () => {
    await db.store.accounts.ensure('ny', 'New York', clock.now().toISOString());
    await settings(DEFAULT_ACCOUNT_ID, 'Asia/Tokyo', '07:30'); // 22:30 UTC the day before
    await settings('ny', 'America/New_York', '20:00'); // 00:00 UTC the day after
    await channel('c1');
    const s = schedule();
    clock.set('2026-06-15T23:59:00.000Z');
    await s.check();
    expect((await digests()).map((e) => [e.account_id, e.data.date])).toEqual([
      [DEFAULT_ACCOUNT_ID, '2026-06-16'], // 08:59 in Tokyo
    ]);
    clock.set('2026-06-16T00:00:30.000Z');
    await s.check();
    expect((await digests()).map((e) => [e.account_id, e.data.date, e.data.timezone])).toEqual([
      [DEFAULT_ACCOUNT_ID, '2026-06-16', 'Asia/Tokyo'],
      ['ny', '2026-06-15', 'America/New_York'],
    ]);
  });

  it('records nothing while no enabled channel subscribes for the account; a channel added later gets the day’s', async () => {
    await db.store.accounts.ensure('other', 'Other', clock.now().toISOString());
    await settings(DEFAULT_ACCOUNT_ID, 'Europe/Paris', '08:00');
    await channel('off', { enabled: false });
    await channel('no-digest', { events: ['run_failed'] });
    await channel('other-only', { account_ids: ['other'] });
    await settings('other', 'Europe/Paris', '23:00');
    const s = schedule();
    await s.check();
    expect(await digests()).toEqual([]);

    await channel('mine', { account_ids: [DEFAULT_ACCOUNT_ID] });
    await s.check();
    expect((await digests()).map((e) => e.account_id)).toEqual([DEFAULT_ACCOUNT_ID]);
  });

  it('an account whose check throws is logged and does not hold back the accounts after it', async () => {
    await db.store.accounts.ensure('broken', 'Broken', clock.now().toISOString());
    await settings(DEFAULT_ACCOUNT_ID, 'Europe/Paris', '08:00');
    await channel('c1');
    // The real store, but reading `broken`'s settings fails, and it is listed first.
    const store: Store = Object.create(db.store);
    const settingsRepo: Store['settings'] = Object.create(db.store.settings);
    settingsRepo.get = (accountId, key) =>
      accountId === 'broken'
        ? Promise.reject(new Error('unreadable settings'))
        : db.store.settings.get(accountId, key);
    const accountsRepo: Store['accounts'] = Object.create(db.store.accounts);
    accountsRepo.list = async () =>
      (await db.store.accounts.list()).sort((a, b) => Number(b.id === 'broken') - Number(a.id === 'broken'));
    Object.assign(store, { settings: settingsRepo, accounts: accountsRepo });
    expect((await store.accounts.list()).map((a) => a.id)).toEqual(['broken', DEFAULT_ACCOUNT_ID]);

    await new DigestSchedule({ store, clock, logger }).check();
    expect((await digests()).map((e) => e.account_id)).toEqual([DEFAULT_ACCOUNT_ID]);
    expect(errors).toEqual([expect.objectContaining({ message: 'unreadable settings' })]);
    errors.length = 0;
  });
});
