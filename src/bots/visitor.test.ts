import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeLinkedInSession } from '../../test/support/linkedinSession.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import type { Store } from '../store/interfaces.ts';
import {
  createTestRun,
  createTestStore,
  TestClock,
  type TestRunOptions,
  type TestStore,
  testDeps,
} from './testing/context.ts';
import { FakeLinkedIn, person } from './testing/fakeLinkedIn.ts';
import { dwellMs, runVisitorBot } from './visitor.ts';

const ACCOUNT = DEFAULT_ACCOUNT_ID;
const NOW = '2025-06-15T10:00:00.000Z';

const people = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => person(`${prefix} Person${i + 1}`));

let ts: TestStore;
let store: Store;
let fake: FakeLinkedIn;
let clock: TestClock;

beforeEach(async () => {
  ts = await createTestStore();
  store = ts.store;
  clock = new TestClock(NOW);
  fake = new FakeLinkedIn();
});

afterEach(async () => {
  await ts.close();
});

async function run(opts: TestRunOptions = {}, deps = testDeps(clock)) {
  const t = await createTestRun(store, { type: 'visitor', queuedAt: clock.now(), ...opts });
  const result = await runVisitorBot(t.ctx, fake, deps);
  return { ...t, result, deps, outcomes: await t.outcomes() };
}

async function seedVisit(slug: string, visitedAt: string) {
  await store.profileVisits.record({
    account_id: ACCOUNT,
    run_id: 'seed',
    slug,
    profile_url: `https://www.linkedin.com/in/${slug}/`,
    name: null,
    visited_at: visitedAt,
  });
}

describe('runVisitorBot', () => {
  it('pages through the search of each keyword until there is no next page', async () => {
    fake.setSearch('engineer', people('Eng', 12), 5);
    fake.setSearch('designer', people('Des', 3), 5);
    const r = await run({ settings: { visitor: { keywords: ['engineer', 'designer'], location: 'Paris' } } });
    expect(fake.callsOf('searchPeople').map((c) => `${c.keywords}:${c.page}:${c.location}`)).toEqual([
      'engineer:1:Paris',
      'engineer:2:Paris',
      'engineer:3:Paris',
      'designer:1:Paris',
    ]);
    expect(fake.visits).toHaveLength(15);
    expect(r.result).toEqual({ found: 15, visited: 15, skipped: 0, errors: 0 });
    expect(r.counters.profiles_visited).toBe(15);
    expect(r.outcomes.map((o) => o.status)).toEqual(Array(15).fill('visited'));
    expect(r.outcomes[0]).toMatchObject({
      contact_name: 'Eng Person1',
      profile_url: person('Eng Person1').profileUrl,
    });
    expect(await store.profileVisits.count(ACCOUNT, '2025-01-01T00:00:00.000Z')).toBe(15);
    expect(r.logs.filter((l) => l.message === 'Visited Eng Person1')).toHaveLength(1);
  });

  it('runs one open search when no keyword is set', async () => {
    fake.setSearch('', people('Any', 2));
    const r = await run();
    expect(fake.callsOf('searchPeople')).toEqual([
      { method: 'searchPeople', keywords: '', location: '', page: 1 },
    ]);
    expect(r.result.visited).toBe(2);
  });

  it('skips profiles visited in the last 30 days and profiles already seen in this run', async () => {
    const list = people('P', 6);
    fake.setSearch('a', list.slice(0, 4));
    fake.setSearch('b', [list[0]!, list[4]!, list[5]!]);
    await seedVisit(list[1]!.slug, '2025-06-05T10:00:00.000Z'); // 10 days ago: skipped
    await seedVisit(list[2]!.slug, '2025-05-01T10:00:00.000Z'); // 45 days ago: visited again
    await seedVisit(list[5]!.slug, '2025-05-16T10:00:01.000Z'); // just under 30 days: skipped
    const r = await run({ settings: { visitor: { keywords: ['a', 'b'] } } });
    expect(fake.visits.map((v) => v.profileUrl)).toEqual(
      [list[0], list[2], list[3], list[4]].map((p) => p!.profileUrl),
    );
    expect(r.outcomes).toHaveLength(4);
    expect(r.result.found).toBe(4);
  });

  it('stops at the per-run limit (settings, or the option when smaller)', async () => {
    fake.setSearch('', people('P', 30), 10);
    const r = await run({ settings: { limits: { visits_per_run: 4 } } });
    expect(fake.visits).toHaveLength(4);
    expect(fake.callsOf('searchPeople')).toHaveLength(1);
    expect(r.outcomes).toHaveLength(4);
    expect(r.logged('Reached the per-run limit of 4')).toHaveLength(1);

    const withOption = await run({ settings: { limits: { visits_per_run: 4 } }, options: { limit: 2 } });
    expect(withOption.result.visited).toBe(2);
    expect(fake.visits).toHaveLength(6);
  });

  it('stops after 3 consecutive pages without a new profile', async () => {
    const first = people('P', 5);
    // Page 1 has new people, then the search keeps returning the same ones forever.
    fake.searchHandler = () => ({ people: first, hasNext: true });
    const r = await run();
    expect(fake.callsOf('searchPeople').map((c) => c.page)).toEqual([1, 2, 3, 4]);
    expect(r.result.visited).toBe(5);
    expect(r.logged('3 pages in a row without a new profile')).toHaveLength(1);
  });

  it('a page with new profiles resets the count of pages without new ones', async () => {
    fake.searchHandler = ({ page }) => ({
      people: page === 3 ? [person('Late Newcomer')] : [person('Always Same')],
      hasNext: page < 20,
    });
    await run();
    expect(fake.callsOf('searchPeople').map((c) => c.page)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fake.visits).toHaveLength(2);
  });

  it('waits the settings delay between visits and dwells on each profile', async () => {
    fake.setSearch('', people('P', 3));
    const r = await run({ settings: { delays: { min_seconds: 90, max_seconds: 180 } } });
    expect(r.deps.sleeps).toHaveLength(2);
    for (const ms of r.deps.sleeps) {
      expect(ms).toBeGreaterThanOrEqual(90_000);
      expect(ms).toBeLessThanOrEqual(180_000);
    }
    for (const v of fake.visits) {
      expect(v.dwellMs).toBeGreaterThanOrEqual(2000);
      expect(v.dwellMs).toBeLessThanOrEqual(6000);
    }
  });

  it('dwell is 0 when delays.max_seconds is 0, scaled down for short delays', () => {
    expect(dwellMs(0, () => 0.5)).toBe(0);
    expect(dwellMs(180, () => 0)).toBe(2000);
    expect(dwellMs(180, () => 0.999999)).toBe(6000);
    expect(dwellMs(60, () => 0.5)).toBe(4000);
    expect(dwellMs(6, () => 0.5)).toBe(400);
  });

  it('dry run searches only', async () => {
    fake.setSearch('', people('P', 5));
    const r = await run({ dryRun: true, settings: { limits: { visits_per_run: 3 } } });
    expect(fake.callsOf('visitProfile')).toEqual([]);
    expect(await store.profileVisits.count(ACCOUNT, '2000-01-01T00:00:00.000Z')).toBe(0);
    expect(r.outcomes.map((o) => `${o.status}:${o.reason}`)).toEqual(Array(3).fill('skipped:dry_run'));
    expect(r.counters).toMatchObject({ profiles_visited: 0, skipped: 3 });
  });

  it('a failing profile is an error outcome; the run goes on', async () => {
    const list = people('P', 3);
    fake.setSearch('', list);
    fake.failOn(`visit:${list[1]!.slug}`, { code: 'timeout' });
    const r = await run();
    expect(r.outcomes.map((o) => o.status)).toEqual(['visited', 'error', 'visited']);
    expect(r.outcomes[1]).toMatchObject({
      error_code: 'timeout',
      screenshot: `screenshots/visit_${list[1]!.slug}.png`,
    });
    expect(r.counters).toMatchObject({ profiles_visited: 2, errors: 1 });
  });

  it('rate_limited ends the run with RunFailure and no further visit', async () => {
    const list = people('P', 5);
    fake.setSearch('', list);
    fake.failOn(`visit:${list[2]!.slug}`, { code: 'rate_limited' });
    const t = await createTestRun(store, { type: 'visitor', queuedAt: clock.now() });
    await expect(runVisitorBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      name: 'RunFailure',
      code: 'rate_limited',
    });
    expect(fake.callsOf('visitProfile')).toHaveLength(3);
  });

  it('says its searches by keyword and a failed search page by code', async () => {
    fake.setSearch('sales', people('S', 1));
    fake.failOn('search:ops:1', { code: 'element_not_found' });
    const r = await run({ settings: { visitor: { keywords: ['sales', 'ops'], location: 'Lyon' } } });
    expect(r.paramsOf('visitor.start')).toEqual([
      { limit: expect.any(Number), searches: '["sales","ops"]', location: 'Lyon', dry_run: false },
    ]);
    expect(r.paramsOf('visitor.search_page').map((p) => [p.search, p.page])).toEqual([['sales', 1]]);
    expect(r.paramsOf('visitor.search_failed')).toEqual([
      { search: 'ops', page: 1, error_code: 'element_not_found', error_message: expect.any(String) },
    ]);
  });

  it('says an open search as an empty keyword, never in English', async () => {
    fake.setSearch('', people('Any', 1));
    const r = await run();
    expect(r.paramsOf('visitor.start')[0]).toMatchObject({ searches: '[""]', location: null });
    expect(r.paramsOf('visitor.search_page').map((p) => p.search)).toEqual(['']);
  });

  it('auth_required on the search marks the session expired and fails the run', async () => {
    await storeLinkedInSession(store, { updated_at: NOW });
    fake.failOn('search::1', { code: 'auth_required' });
    const t = await createTestRun(store, { type: 'visitor', queuedAt: clock.now() });
    await expect(runVisitorBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      code: 'auth_required',
    });
    expect((await store.linkedinSessions.get(ACCOUNT))?.status).toBe('expired');
  });

  it('a stop during a visit returns at once', async () => {
    const list = people('P', 3);
    fake.setSearch('', list);
    fake.hangOn(`visit:${list[1]!.slug}`);
    const t = await createTestRun(store, { type: 'visitor', queuedAt: clock.now() });
    setTimeout(() => t.controller.abort(), 30);
    const result = await runVisitorBot(t.ctx, fake, testDeps(clock));
    expect(result.visited).toBe(1);
    expect(fake.callsOf('visitProfile')).toHaveLength(2);
    // The profile being visited when the stop came is named, neither skipped nor an error.
    const outcomes = await t.outcomes();
    expect(outcomes.map((o) => [o.status, o.reason, o.profile_url])).toEqual([
      ['visited', null, list[0]!.profileUrl],
      ['interrupted', 'stopped', list[1]!.profileUrl],
    ]);
    expect(t.counters).toMatchObject({ profiles_visited: 1, skipped: 0, errors: 0 });
  });
});
