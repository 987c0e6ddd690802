import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../config/settings.ts';
import { DEFAULT_ACCOUNT_ID, type RunCounters, zeroCounters } from '../domain.ts';
import { warmedUpLimit, warmUp, warmUpDay, warmUpShare } from '../rules/warmUp.ts';
import type { Store } from '../store/interfaces.ts';
import { runBirthdayBot } from './birthday.ts';
import { createTestRun, createTestStore, TestClock, type TestStore, testDeps } from './testing/context.ts';
import { FakeLinkedIn } from './testing/fakeLinkedIn.ts';
import { runLimits } from './warmUp.ts';

describe('warm-up (pure)', () => {
  it('counts days from the first active local day: 1 to 7, then over', () => {
    expect(warmUpDay(null, '2025-06-15')).toBe(1);
    expect(warmUpDay('2025-06-15', '2025-06-15')).toBe(1);
    expect(warmUpDay('2025-06-14', '2025-06-15')).toBe(2);
    expect(warmUpDay('2025-06-09', '2025-06-15')).toBe(7);
    expect(warmUpDay('2025-06-08', '2025-06-15')).toBeNull();
    // Across a month end and a DST change (local dates, not 24-hour spans).
    expect(warmUpDay('2025-03-28', '2025-04-02')).toBe(6);
  });

  it('grows linearly from a fifth on day 1 to all on day 7', () => {
    expect(warmUpShare(1)).toBeCloseTo(0.2);
    expect(warmUpShare(4)).toBeCloseTo(0.6);
    expect(warmUpShare(7)).toBeCloseTo(1);
    const shares = [1, 2, 3, 4, 5, 6, 7].map(warmUpShare);
    for (let i = 1; i < shares.length; i++) expect(shares[i]!).toBeGreaterThan(shares[i - 1]!);
  });

  it('never lowers a limit above 0 below 1, never raises one, leaves 0 at 0', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((day) => warmedUpLimit(15, day))).toEqual([3, 5, 7, 9, 11, 13, 15]);
    expect(warmedUpLimit(2, 1)).toBe(1);
    expect(warmedUpLimit(1, 1)).toBe(1);
    expect(warmedUpLimit(0, 1)).toBe(0);
    expect(warmedUpLimit(100, 7)).toBe(100);
  });

  it('lowers only the limits asked for, says which, and is off with warm_up false', () => {
    const limits = DEFAULT_SETTINGS.limits;
    const day2 = warmUp(limits, '2025-06-14', '2025-06-15', ['daily', 'weekly']);
    expect(day2.day).toBe(2);
    expect(day2.limits).toMatchObject({ daily: 5, weekly: 33, per_run: 15, visits_per_run: 15 });
    expect(day2.lowered).toEqual(['daily limit 5 instead of 15', 'weekly limit 33 instead of 100']);
    const off = warmUp({ ...limits, warm_up: false }, '2025-06-14', '2025-06-15', ['daily']);
    expect(off).toEqual({ day: null, limits: { ...limits, warm_up: false }, lowered: [] });
    expect(warmUp(limits, '2025-06-01', '2025-06-15', ['daily']).lowered).toEqual([]);
  });
});

describe('warm-up from the store', () => {
  const NOW = '2025-06-15T10:00:00.000Z';
  const WARM = { limits: { per_run: 15, daily: 15, weekly: 100, warm_up: true } };
  let ts: TestStore;
  let store: Store;
  let clock: TestClock;

  beforeEach(async () => {
    ts = await createTestStore();
    store = ts.store;
    clock = new TestClock(NOW);
  });
  afterEach(async () => ts.close());

  /** A finished run of the account that started at `startedAt`. */
  async function pastRun(startedAt: string, counters: Partial<RunCounters>, dryRun = false) {
    const run = await store.runs.createIfIdle({
      account_id: DEFAULT_ACCOUNT_ID,
      type: 'birthday',
      trigger: 'manual',
      dry_run: dryRun,
      options: {},
      queued_at: startedAt,
    });
    await store.runs.markRunning(run!.id, startedAt, 1, 'test');
    await store.runs.finish(run!.id, {
      status: 'succeeded',
      at: startedAt,
      counters: { ...zeroCounters(), ...counters },
    });
  }

  it('a brand-new account is on day 1, and the run log says so', async () => {
    const t = await createTestRun(store, { queuedAt: clock.now(), settings: WARM });
    const limits = await runLimits(t.ctx, clock.now(), ['per_run', 'daily', 'weekly']);
    expect(limits).toMatchObject({ per_run: 3, daily: 3, weekly: 20 });
    expect(t.logged('Warm-up day 1 of 7')).toEqual([
      "Warm-up day 1 of 7 (a new account's first week): per-run limit 3 instead of 15, daily limit 3 instead of 15, weekly limit 20 instead of 100",
    ]);
  });

  it('counts from the first real run that did something, in the settings timezone', async () => {
    // Dry runs and runs that did nothing do not start the warm-up.
    await pastRun('2025-06-01T08:00:00.000Z', { messages_sent: 9 }, true);
    await pastRun('2025-06-02T08:00:00.000Z', { skipped: 4 });
    // 23:30 UTC on the 12th is already the 13th in Paris: today (the 15th) is day 3.
    await pastRun('2025-06-12T23:30:00.000Z', { profiles_visited: 2 });
    await pastRun('2025-06-14T08:00:00.000Z', { messages_sent: 3 });
    const t = await createTestRun(store, { queuedAt: clock.now(), settings: WARM });
    const limits = await runLimits(t.ctx, clock.now(), ['daily']);
    expect(limits.daily).toBe(7);
    expect(t.logged('Warm-up day 3 of 7')).toHaveLength(1);
  });

  it('is over after 7 days, and off with warm_up false: no line in the log', async () => {
    await pastRun('2025-06-08T08:00:00.000Z', { invitations_withdrawn: 1 });
    const over = await createTestRun(store, { queuedAt: clock.now(), settings: WARM });
    expect(await runLimits(over.ctx, clock.now(), ['daily'])).toMatchObject({ daily: 15 });
    expect(over.logged('Warm-up')).toEqual([]);

    const fresh = await createTestStore();
    try {
      const off = await createTestRun(fresh.store, {
        queuedAt: clock.now(),
        settings: { limits: { ...WARM.limits, warm_up: false } },
      });
      expect(await runLimits(off.ctx, clock.now(), ['daily'])).toMatchObject({ daily: 15 });
      expect(off.logged('Warm-up')).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('the birthday bot on day 2 wishes 5 of 17 (daily limit 5 instead of 15)', async () => {
    await pastRun('2025-06-14T08:00:00.000Z', { messages_sent: 3 });
    const fake = new FakeLinkedIn();
    for (let i = 0; i < 17; i++) fake.addBirthday(`Contact Number${i + 1}`, 0);
    const t = await createTestRun(store, { queuedAt: clock.now(), settings: WARM });
    const result = await runBirthdayBot(t.ctx, fake, testDeps(clock));
    expect(result.sent).toBe(5);
    expect(fake.sent).toHaveLength(5);
    expect((await t.outcomes()).filter((o) => o.reason === 'limit')).toHaveLength(12);
    expect(t.logged('Warm-up day 2 of 7')[0]).toContain('daily limit 5 instead of 15');
  });
});
