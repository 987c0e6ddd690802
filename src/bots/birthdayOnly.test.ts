/** A birthday run for named contacts ("wish now", "retry") and the listing every run records. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import type { Store } from '../store/interfaces.ts';
import { runBirthdayBot } from './birthday.ts';
import {
  createTestRun,
  createTestStore,
  TestClock,
  type TestRunOptions,
  type TestStore,
  testDeps,
} from './testing/context.ts';
import { FakeLinkedIn, slugOf } from './testing/fakeLinkedIn.ts';

const ACCOUNT = DEFAULT_ACCOUNT_ID;
/** 12:00 in Paris. */
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
  fake.addBirthday('Marie Curie', 0);
  fake.addBirthday('Alan Turing', 0);
  fake.addBirthday('Hedy Lamarr', 2);
  // Later than the settings' max_days_late (10): a scheduled run leaves it out.
  fake.addBirthday('Barbara Liskov', 20);
});

afterEach(async () => {
  await ts.close();
});

async function run(opts: TestRunOptions = {}) {
  const t = await createTestRun(store, { queuedAt: clock.now(), ...opts });
  const result = await runBirthdayBot(t.ctx, fake, testDeps(clock));
  return { ...t, result, outcomes: await t.outcomes() };
}

describe('runBirthdayBot: only named contacts', () => {
  it('wishes only the contact asked for, once, even one later than max_days_late', async () => {
    const r = await run({ options: { only_contacts: [slugOf('Barbara Liskov')] } });
    expect(fake.sent.map((m) => m.slug)).toEqual([slugOf('Barbara Liskov')]);
    expect(r.result).toEqual({ found: 1, sent: 1, skipped: 0, errors: 0 });
    expect(r.outcomes.map((o) => [o.contact_name, o.status])).toEqual([['Barbara Liskov', 'sent']]);

    // Asked again: the ledger says it is done, nothing more goes out.
    const again = await run({ options: { only_contacts: [slugOf('Barbara Liskov')] } });
    expect(fake.sent).toHaveLength(1);
    expect(again.outcomes.map((o) => [o.status, o.reason])).toEqual([['skipped', 'already_wished']]);
  });

  it('still skips a blacklisted contact, and records one the page no longer shows', async () => {
    await store.blacklist.add({
      account_id: ACCOUNT,
      name: 'Alan Turing',
      profile_url: null,
      reason: null,
      created_at: NOW,
    });
    const r = await run({ options: { only_contacts: [slugOf('Alan Turing'), 'gone-contact'] } });
    expect(fake.sent).toEqual([]);
    expect(r.outcomes.map((o) => [o.contact_name, o.status, o.reason])).toEqual([
      ['gone-contact', 'skipped', 'not_listed'],
      ['Alan Turing', 'skipped', 'blacklisted'],
    ]);
  });

  it('records every card of the page, ignored ones too, as the latest listing', async () => {
    const r = await run({ dryRun: true });
    const listing = await store.birthdayListings.latest(ACCOUNT);
    expect(listing).toMatchObject({ run_id: r.ctx.run.id, local_date: '2025-06-15', seen_at: NOW });
    expect(listing?.contacts.map((c) => [c.name, c.days_late]).sort()).toEqual([
      ['Alan Turing', 0],
      ['Barbara Liskov', 20],
      ['Hedy Lamarr', 2],
      ['Marie Curie', 0],
    ]);
    expect(fake.sent).toEqual([]);
  });
});
