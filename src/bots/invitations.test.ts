import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLinkedInSession } from '../../test/support/linkedinSession.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import type { Store } from '../store/interfaces.ts';
import { runInvitationsBot } from './invitations.ts';
import {
  createTestRun,
  createTestStore,
  TestClock,
  type TestRunOptions,
  type TestStore,
  testDeps,
} from './testing/context.ts';
import { FakeLinkedIn } from './testing/fakeLinkedIn.ts';

const ACCOUNT = DEFAULT_ACCOUNT_ID;
const NOW = '2025-06-15T10:00:00.000Z';

let ts: TestStore;
let store: Store;
let fake: FakeLinkedIn;
let clock: TestClock;

beforeEach(async () => {
  ts = await createTestStore();
  store = ts.store;
  clock = new TestClock(NOW);
  fake = new FakeLinkedIn();
  for (const [i, age] of [5, 10, 29, 30, 31, 45, 60, 90, null, 200].entries()) {
    fake.addInvitation(`Invitee ${i} (${age ?? 'unknown'})`, age);
  }
});

afterEach(async () => {
  await ts.close();
});

async function run(opts: TestRunOptions = {}, deps = testDeps(clock)) {
  const t = await createTestRun(store, { type: 'invitations', queuedAt: clock.now(), ...opts });
  const result = await runInvitationsBot(t.ctx, fake, deps);
  return { ...t, result, deps, outcomes: await t.outcomes() };
}

const summary = (outcomes: { status: string; reason: string | null; contact_name: string | null }[]) =>
  outcomes.map((o) => `${o.status}${o.reason ? `:${o.reason}` : ''} ${o.contact_name}`);

describe('runInvitationsBot', () => {
  it('withdraws invitations at least withdraw_after_days old, oldest first; younger ones untouched', async () => {
    const r = await run();
    expect(fake.withdrawn.map((i) => i.ageDays)).toEqual([200, 90, 60, 45, 31, 30]);
    expect(fake.invitations.map((i) => i.ageDays)).toEqual([5, 10, 29, null]);
    expect(summary(r.outcomes)).toEqual([
      'skipped:unknown_age Invitee 8 (unknown)',
      'withdrawn Invitee 9 (200)',
      'withdrawn Invitee 7 (90)',
      'withdrawn Invitee 6 (60)',
      'withdrawn Invitee 5 (45)',
      'withdrawn Invitee 4 (31)',
      'withdrawn Invitee 3 (30)',
    ]);
    expect(r.result).toEqual({ found: 6, withdrawn: 6, skipped: 1, errors: 0 });
    expect(r.counters).toMatchObject({ invitations_withdrawn: 6, skipped: 1, errors: 0 });
    expect(await store.invitationWithdrawals.count(ACCOUNT, '2025-01-01T00:00:00.000Z')).toBe(6);
    expect(r.logged('6 older than 30 days, 3 younger (kept), 1 of unknown age')).toHaveLength(1); // The dashboard words the age itself: the line carries it in days, not LinkedIn's label.
    expect(r.paramsOf('invitations.withdrew').map((p) => [p.name, p.age_days])).toEqual([
      ['Invitee 9 (200)', 200],
      ['Invitee 7 (90)', 90],
      ['Invitee 6 (60)', 60],
      ['Invitee 5 (45)', 45],
      ['Invitee 4 (31)', 31],
      ['Invitee 3 (30)', 30],
    ]);
  });

  it('uses the threshold from the settings', async () => {
    const r = await run({ settings: { invitations: { withdraw_after_days: 60 } } });
    expect(fake.withdrawn.map((i) => i.ageDays)).toEqual([200, 90, 60]);
    expect(r.result.withdrawn).toBe(3);
  });

  it('stops at withdrawals_per_run (the rest is skipped: limit), waiting between withdrawals', async () => {
    const r = await run({
      settings: { limits: { withdrawals_per_run: 4 }, delays: { min_seconds: 5, max_seconds: 10 } },
    });
    expect(fake.withdrawn.map((i) => i.ageDays)).toEqual([200, 90, 60, 45]);
    expect(summary(r.outcomes).filter((s) => s.startsWith('skipped:limit'))).toEqual([
      'skipped:limit Invitee 4 (31)',
      'skipped:limit Invitee 3 (30)',
    ]);
    expect(r.deps.sleeps).toHaveLength(3);
    for (const ms of r.deps.sleeps) expect(ms).toBeGreaterThanOrEqual(5000);

    const withOption = await run({ options: { limit: 1 } });
    expect(withOption.result.withdrawn).toBe(1);
  });

  it('dry run withdraws nothing', async () => {
    const r = await run({ dryRun: true, settings: { limits: { withdrawals_per_run: 4 } } });
    expect(fake.callsOf('withdrawInvitation')).toEqual([]);
    expect(fake.invitations).toHaveLength(10);
    expect(await store.invitationWithdrawals.count(ACCOUNT, '2000-01-01T00:00:00.000Z')).toBe(0);
    const reasons = r.outcomes.map((o) => o.reason);
    expect(reasons.filter((x) => x === 'dry_run')).toHaveLength(4);
    expect(reasons.filter((x) => x === 'limit')).toHaveLength(2);
    expect(r.counters).toMatchObject({ invitations_withdrawn: 0, skipped: 7 });
    expect(r.logged('Dry run: would withdraw the invitation to Invitee 9 (200)')).toHaveLength(1);
  });

  it('a failing withdrawal is an error outcome; the run goes on', async () => {
    fake.failOn('withdraw:Invitee 7 (90)', { code: 'element_not_found' });
    const r = await run();
    expect(r.result).toMatchObject({ withdrawn: 5, errors: 1 });
    expect(r.outcomes.find((o) => o.status === 'error')).toMatchObject({
      contact_name: 'Invitee 7 (90)',
      error_code: 'element_not_found',
    });
    expect(r.paramsOf('item.failed')).toEqual([
      { name: 'Invitee 7 (90)', error_code: 'element_not_found', error_message: expect.any(String) },
    ]);
  });

  it('a list that cannot be read ends the run, said by codes', async () => {
    fake.failOn('listSentInvitations', { code: 'timeout' });
    const t = await createTestRun(store, { type: 'invitations', queuedAt: clock.now() });
    await expect(runInvitationsBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({ code: 'timeout' });
    expect(t.paramsOf('run.listing_failed')).toEqual([
      { what: 'sent_invitations', error_code: 'timeout', error_message: expect.any(String) },
    ]);
  });

  it('auth_required fails the run and marks the session expired', async () => {
    await storeLinkedInSession(store, { updated_at: NOW });
    fake.failOn('listSentInvitations', { code: 'auth_required' });
    const t = await createTestRun(store, { type: 'invitations', queuedAt: clock.now() });
    await expect(runInvitationsBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      name: 'RunFailure',
      code: 'auth_required',
    });
    expect((await store.linkedinSessions.get(ACCOUNT))?.status).toBe('expired');
  });

  it('rate_limited stops the withdrawals', async () => {
    fake.failOn('withdraw:Invitee 6 (60)', { code: 'rate_limited' });
    const t = await createTestRun(store, { type: 'invitations', queuedAt: clock.now() });
    await expect(runInvitationsBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      code: 'rate_limited',
    });
    expect(fake.withdrawn).toHaveLength(2);
    expect(fake.callsOf('withdrawInvitation')).toHaveLength(3);
  });

  it('a stop during the delay returns at once', async () => {
    const t = await createTestRun(store, {
      type: 'invitations',
      queuedAt: clock.now(),
      settings: { delays: { min_seconds: 60, max_seconds: 60 } },
    });
    setTimeout(() => t.controller.abort(), 30);
    const started = Date.now();
    const result = await runInvitationsBot(t.ctx, fake, { now: clock.now });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.withdrawn).toBe(1);
  });
});
