import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATE_SETS, DEFAULT_TEMPLATES } from '../config/defaultTemplates.ts';
import { DEFAULT_ACCOUNT_ID } from '../domain.ts';
import { EventBus } from '../events.ts';
import { RunLifecycle } from '../jobs/lifecycle.ts';
import { fillTemplate } from '../rules/names.ts';
import type { MessageLanguage, Store, TemplateSet } from '../store/interfaces.ts';
import { birthdayDateOf, runBirthdayBot, threadContains } from './birthday.ts';
import { RunFailure } from './runContext.ts';
import {
  createTestRun,
  createTestStore,
  seededRandom,
  TestClock,
  type TestRunOptions,
  type TestStore,
  testDeps,
} from './testing/context.ts';
import { FakeLinkedIn, profileUrlOf, slugOf } from './testing/fakeLinkedIn.ts';

const ACCOUNT = DEFAULT_ACCOUNT_ID;
/** 12:00 in Paris. */
const NOW = '2025-06-15T10:00:00.000Z';
const TODAY = '2025-06-15';

/** Display name → the first name the message must use. */
const TODAY_CONTACTS: [string, string][] = [
  ['Dr. Marie Curie', 'Marie'],
  ['Jean-Pierre Dupont', 'Jean-Pierre'],
  ['Zoé Martin 🎉', 'Zoé'],
  ['Alan Turing, PhD', 'Alan'],
  ['Ada Lovelace (she/her)', 'Ada'],
  ['Mme Simone Veil', 'Simone'],
  ['Prof. Albert Einstein', 'Albert'],
  ['Grace Hopper | US Navy', 'Grace'],
  ['Émile Zola', 'Émile'],
  ['Nikola Tesla', 'Nikola'],
  ['Rosalind Franklin', 'Rosalind'],
  ['Katherine Johnson', 'Katherine'],
];
const LATE_CONTACTS: [string, string, number][] = [
  ['Hedy Lamarr', 'Hedy', 1],
  ['Linus Torvalds', 'Linus', 2],
  ['Margaret Hamilton', 'Margaret', 3],
  ['Tim Berners-Lee', 'Tim', 5],
  ['Barbara Liskov', 'Barbara', 10],
];
const ALL = [...TODAY_CONTACTS.map(([n, f]) => [n, f, 0] as const), ...LATE_CONTACTS];

let ts: TestStore;
let store: Store;
let fake: FakeLinkedIn;
let clock: TestClock;

beforeEach(async () => {
  ts = await createTestStore();
  store = ts.store;
  clock = new TestClock(NOW);
  fake = new FakeLinkedIn();
  for (const [name] of TODAY_CONTACTS) fake.addBirthday(name, 0);
  for (const [name, , daysLate] of LATE_CONTACTS) fake.addBirthday(name, daysLate);
});

afterEach(async () => {
  await ts.close();
});

async function run(opts: TestRunOptions = {}, deps = testDeps(clock)) {
  const t = await createTestRun(store, { queuedAt: clock.now(), ...opts });
  const result = await runBirthdayBot(t.ctx, fake, deps);
  return { ...t, result, deps, outcomes: await t.outcomes() };
}

/** Seeds a confirmed message in the ledger. */
async function seedSent(
  slug: string,
  birthdayDate: string,
  createdAt: string,
  template = 'seed {first_name}',
) {
  const msg = await store.birthdayMessages.createIntent({
    account_id: ACCOUNT,
    contact_slug: slug,
    birthday_date: birthdayDate,
    run_id: 'seed-run',
    template,
    text: template,
    dry_run: false,
    created_at: createdAt,
  });
  await store.birthdayMessages.confirm(msg!.id, createdAt);
  return msg!;
}

/** Outcomes counted by status and reason (a sent wish's reason says how it was confirmed: left out). */
function reasons(outcomes: { status: string; reason: string | null }[]) {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key =
      o.reason && o.status !== 'error' && o.status !== 'sent' ? `${o.status}:${o.reason}` : o.status;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The contacts the bot tried to send to, in its order (a new one each run). */
const attempted = () => fake.callsOf('sendMessage').map((c) => c.slug);

function expectOneOutcomePerContact(outcomes: { profile_url: string | null; contact_name: string | null }[]) {
  expect(outcomes).toHaveLength(ALL.length);
  expect(new Set(outcomes.map((o) => o.profile_url)).size).toBe(ALL.length);
  for (const o of outcomes) expect(o.contact_name).toBeTruthy();
}

describe('runBirthdayBot: sending', () => {
  it('wishes 12 today + 5 late with the right first names and templates; counters and outcomes agree', async () => {
    const r = await run();

    expect(fake.sent).toHaveLength(17);
    for (const [name, first, daysLate] of ALL) {
      const texts = fake.sentTo(slugOf(name));
      expect(texts, name).toHaveLength(1);
      const pool = daysLate === 0 ? DEFAULT_TEMPLATES.today : DEFAULT_TEMPLATES.late;
      const filled = pool.map((t) => fillTemplate(t, { first_name: first, name: '', days_late: daysLate }));
      expect(filled, `${name}: ${texts[0]}`).toContain(texts[0]);
    }
    // Today's are wished before late ones, the closest first; within a day, not in the page's order.
    const order = fake.sent.map((m) => m.slug);
    const todays = TODAY_CONTACTS.map(([n]) => slugOf(n));
    expect(new Set(order.slice(0, 12))).toEqual(new Set(todays));
    expect(order.slice(0, 12)).not.toEqual(todays);
    expect(order.slice(12)).toEqual(LATE_CONTACTS.map(([n]) => slugOf(n)));

    expect(r.result).toEqual({ found: 17, sent: 17, skipped: 0, errors: 0 });
    expect(r.counters).toMatchObject({ messages_sent: 17, skipped: 0, errors: 0 });
    expect(r.progress.found).toBe(17);
    expect(reasons(r.outcomes)).toEqual({ sent: 17 });
    expectOneOutcomePerContact(r.outcomes);

    // The ledger: one confirmed row per contact, keyed by the birthday's local date.
    expect(await store.birthdayMessages.countSent(ACCOUNT, '2025-01-01T00:00:00.000Z')).toBe(17);
    expect(await store.birthdayMessages.listUnconfirmed(ACCOUNT)).toEqual([]);
    const linus = await store.birthdayMessages.find(ACCOUNT, 'linus-torvalds', '2025-06-13');
    expect(linus).toMatchObject({ state: 'confirmed', run_id: r.ctx.run.id });
    expect(DEFAULT_TEMPLATES.late).toContain(linus!.template);
    expect(await store.contacts.get(ACCOUNT, 'linus-torvalds')).toMatchObject({
      name: 'Linus Torvalds',
      profile_url: profileUrlOf('linus-torvalds'),
    });

    expect(r.logged('Wished Linus Torvalds (2 days late)')).toHaveLength(1);
    expect(r.logged('Wished Nikola Tesla (today)')).toHaveLength(1);
    expect(r.logged('Found 17 birthday(s) (12 today, 5 late)')).toHaveLength(1);
  });

  it('uses stored templates with every placeholder', async () => {
    await store.templates.replace(
      ACCOUNT,
      'fr',
      {
        today: ['Happy birthday {first_name} ({name})'],
        late: ['Sorry {first_name}, {days_late} days late!'],
      },
      NOW,
    );
    await run();
    expect(fake.sentTo('dr-marie-curie')).toEqual(['Happy birthday Marie (Dr. Marie Curie)']);
    expect(fake.sentTo('zoe-martin')).toEqual(['Happy birthday Zoé (Zoé Martin)']);
    expect(fake.sentTo('tim-berners-lee')).toEqual(['Sorry Tim, 5 days late!']);
  });

  it('a second run sends nothing and records already_wished', async () => {
    await run();
    expect(fake.sent).toHaveLength(17);
    const second = await run();
    expect(fake.sent).toHaveLength(17);
    expect(fake.callsOf('sendMessage')).toHaveLength(17);
    expect(reasons(second.outcomes)).toEqual({ 'skipped:already_wished': 17 });
    expect(second.counters).toMatchObject({ messages_sent: 0, skipped: 17 });
    expectOneOutcomePerContact(second.outcomes);
  });

  it('after the LinkedIn data is forgotten, a second run wishes nobody twice and the daily limit still counts', async () => {
    await run({ settings: { limits: { daily: 20, per_run: 20 } } });
    expect(fake.sent).toHaveLength(17);
    await store.personalData.forget(ACCOUNT);
    fake.addBirthday('New Contact', 0);
    fake.addBirthday('Other Contact', 0);
    fake.addBirthday('Third Contact', 0);
    fake.addBirthday('Fourth Contact', 0);
    const second = await run({ settings: { limits: { daily: 20, per_run: 20 } } });
    // 17 already wished (the ledger's keys stay), 3 more reach the daily limit of 20.
    expect(fake.sent).toHaveLength(20);
    expect(reasons(second.outcomes)).toEqual({ sent: 3, 'skipped:already_wished': 17, 'skipped:limit': 1 });
  });

  it('the birthday date is the local date of now minus the days late (the key across days)', async () => {
    expect(birthdayDateOf('2025-03-01', 1)).toBe('2025-02-28');
    expect(birthdayDateOf('2024-03-01', 1)).toBe('2024-02-29');
    expect(birthdayDateOf('2025-01-02', 3)).toBe('2024-12-30');
    // 23:30 UTC on the 14th is already the 15th in Paris.
    clock.set('2025-06-14T22:30:00.000Z');
    await run();
    expect(await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', '2025-06-15')).not.toBeNull();
    expect(await store.birthdayMessages.find(ACCOUNT, 'hedy-lamarr', '2025-06-14')).not.toBeNull();
    // Next day, Nikola shows as 1 day late: same birthday, not wished again.
    fake.birthdays = [];
    fake.addBirthday('Nikola Tesla', 1);
    clock.set('2025-06-15T22:30:00.000Z');
    const next = await run();
    expect(reasons(next.outcomes)).toEqual({ 'skipped:already_wished': 1 });
    expect(fake.sentTo('nikola-tesla')).toHaveLength(1);
  });

  it('processes late birthdays per settings and run options', async () => {
    const noLate = await run({ settings: { birthday: { process_late: false } } });
    expect(noLate.result.found).toBe(12);
    expect(fake.sent).toHaveLength(12);
    expect(noLate.outcomes).toHaveLength(12);

    // The option overrides the setting, max_days_late limits the lateness.
    const upTo3 = await run({
      settings: { birthday: { process_late: false } },
      options: { process_late: true, max_days_late: 3 },
    });
    expect(upTo3.result.found).toBe(15);
    expect(reasons(upTo3.outcomes)).toEqual({ 'skipped:already_wished': 12, sent: 3 });
    expect(fake.sentTo('tim-berners-lee')).toEqual([]);

    const withSetting = await run({ settings: { birthday: { max_days_late: 5 } } });
    expect(reasons(withSetting.outcomes)).toEqual({ 'skipped:already_wished': 15, sent: 1 });
    expect(fake.sentTo('barbara-liskov')).toEqual([]);
  });

  it('can skip today and only catch up late ones', async () => {
    const r = await run({ settings: { birthday: { process_today: false } } });
    expect(r.result.found).toBe(5);
    expect(fake.sent.map((m) => m.slug)).toEqual(LATE_CONTACTS.map(([n]) => slugOf(n)));
  });
});

describe('runBirthdayBot: languages', () => {
  /** Every text a set can give a contact of ALL, filled as the bot fills it. */
  function textsOf(set: Readonly<TemplateSet>, name: string): string[] {
    const [, first, daysLate] = ALL.find(([n]) => n === name)!;
    const pool = daysLate === 0 ? set.today : set.late;
    return pool.map((t) => fillTemplate(t, { first_name: first, name, days_late: daysLate }));
  }
  /** A contact a run met before, given a language by the user. */
  async function giveLanguage(name: string, language: MessageLanguage) {
    const slug = slugOf(name);
    await store.contacts.upsert({
      account_id: ACCOUNT,
      slug,
      name,
      profile_url: profileUrlOf(slug),
      updated_at: NOW,
    });
    expect(await store.contacts.setLanguage(ACCOUNT, slug, language, NOW)).not.toBeNull();
  }
  const ENGLISH = /\b(happy|birthday|belated|wishes|late)\b/i;
  const FRENCH = /\b(anniversaire|retard|joyeux|bon)\b/i;

  it('a French account sends French default lines only, never an English one, whatever the draw', async () => {
    for (const seed of [1, 2, 3, 4]) {
      await ts.close();
      ts = await createTestStore();
      store = ts.store;
      fake = new FakeLinkedIn();
      for (const [name, , daysLate] of ALL) fake.addBirthday(name, daysLate);
      await run({}, testDeps(clock, seededRandom(seed)));
      expect(fake.sent).toHaveLength(ALL.length);
      for (const [name] of ALL) {
        const [text] = fake.sentTo(slugOf(name));
        expect(textsOf(DEFAULT_TEMPLATE_SETS.fr, name), `${name}: ${text}`).toContain(text);
        expect(text, name).not.toMatch(ENGLISH);
      }
    }
  });

  it("a contact given English gets the English set; the others the account's French", async () => {
    await giveLanguage('Linus Torvalds', 'en');
    await giveLanguage('Nikola Tesla', 'en');
    await run();
    expect(fake.sent).toHaveLength(ALL.length);
    for (const [name] of ALL) {
      const [text] = fake.sentTo(slugOf(name));
      const english = name === 'Linus Torvalds' || name === 'Nikola Tesla';
      expect(textsOf(DEFAULT_TEMPLATE_SETS[english ? 'en' : 'fr'], name), `${name}: ${text}`).toContain(text);
      expect(text, name).toMatch(english ? ENGLISH : FRENCH);
    }
    // The ledger keeps the template the contact was sent, in their language.
    const linus = await store.birthdayMessages.find(ACCOUNT, 'linus-torvalds', '2025-06-13');
    expect(DEFAULT_TEMPLATE_SETS.en.late).toContain(linus!.template);
  });

  it('an English account writes with its own English set; a contact given French gets the French one', async () => {
    const english = { today: ['Happy birthday {first_name}!'], late: ['Belated wishes, {first_name}!'] };
    const french = {
      today: ['Bon anniversaire {first_name} !'],
      late: ['Avec du retard, bon anniversaire {first_name} !'],
    };
    await store.templates.replace(ACCOUNT, 'en', english, NOW);
    await store.templates.replace(ACCOUNT, 'fr', french, NOW);
    await giveLanguage('Marie Curie', 'fr');
    await giveLanguage('Dr. Marie Curie', 'fr');
    await run({ settings: { birthday: { language: 'en' } } });
    expect(fake.sent).toHaveLength(ALL.length);
    for (const [name] of ALL) {
      const set = name === 'Dr. Marie Curie' ? french : english;
      expect(fake.sentTo(slugOf(name)), name).toEqual([textsOf(set, name)[0]]);
    }
  });

  it('a stored set emptied of late lines falls back to the defaults of its own language', async () => {
    await store.templates.replace(ACCOUNT, 'en', { today: ['Happy birthday {first_name}!'], late: [] }, NOW);
    await run({ settings: { birthday: { language: 'en' } } });
    const [text] = fake.sentTo(slugOf('Linus Torvalds'));
    expect(textsOf(DEFAULT_TEMPLATE_SETS.en, 'Linus Torvalds')).toContain(text);
  });
});

describe('runBirthdayBot: limits', () => {
  it('stops at the per-run limit; the option limit applies when smaller', async () => {
    const r = await run({ settings: { limits: { per_run: 5 } } });
    expect(fake.sent).toHaveLength(5);
    expect(reasons(r.outcomes)).toEqual({ sent: 5, 'skipped:limit': 12 });
    expect(r.counters).toMatchObject({ messages_sent: 5, skipped: 12 });
    expectOneOutcomePerContact(r.outcomes);
    expect(r.logged('Reached the per-run limit of 5')).toHaveLength(1);

    const withOption = await run({ settings: { limits: { per_run: 5 } }, options: { limit: 2 } });
    expect(reasons(withOption.outcomes)).toEqual({
      'skipped:already_wished': 5,
      sent: 2,
      'skipped:limit': 10,
    });

    const biggerOption = await run({ settings: { limits: { per_run: 3 } }, options: { limit: 50 } });
    expect(reasons(biggerOption.outcomes)).toEqual({
      'skipped:already_wished': 7,
      sent: 3,
      'skipped:limit': 7,
    });
  });

  it('stops at the daily limit, counting what the ledger sent since local midnight', async () => {
    // 13 today (Paris midnight is 22:00 UTC the day before), 5 yesterday that do not count.
    for (let i = 0; i < 13; i++) await seedSent(`other-${i}`, TODAY, '2025-06-14T22:30:00.000Z');
    for (let i = 0; i < 5; i++) await seedSent(`old-${i}`, '2025-06-14', '2025-06-14T21:30:00.000Z');
    const r = await run({ settings: { limits: { daily: 15 } } });
    expect(fake.sent).toHaveLength(2);
    expect(reasons(r.outcomes)).toEqual({ sent: 2, 'skipped:limit': 15 });
    expect(r.logged('Reached the daily limit of 15')).toHaveLength(1);
  });

  it('stops at the weekly limit over the last 7 local days', async () => {
    // 6 days ago (local) counts, 7 days ago does not.
    for (let i = 0; i < 18; i++) await seedSent(`week-${i}`, '2025-06-09', '2025-06-08T22:30:00.000Z');
    for (let i = 0; i < 10; i++) await seedSent(`older-${i}`, '2025-06-08', '2025-06-08T21:30:00.000Z');
    const r = await run({ settings: { limits: { weekly: 20 } } });
    expect(fake.sent).toHaveLength(2);
    expect(reasons(r.outcomes)).toEqual({ sent: 2, 'skipped:limit': 15 });
    expect(r.logged('Reached the weekly limit of 20')).toHaveLength(1);
  });

  it('already-wished and blacklisted contacts keep their reason after the limit is reached', async () => {
    await seedSent('barbara-liskov', '2025-06-05', NOW);
    await store.blacklist.add({
      account_id: ACCOUNT,
      name: 'Hedy Lamarr',
      profile_url: null,
      reason: null,
      created_at: NOW,
    });
    const r = await run({ settings: { limits: { per_run: 3 } } });
    expect(reasons(r.outcomes)).toEqual({
      sent: 3,
      'skipped:limit': 12,
      'skipped:blacklisted': 1,
      'skipped:already_wished': 1,
    });
  });
});

describe('runBirthdayBot: skips', () => {
  it('skips blacklisted contacts by name (case and accents ignored) and by profile URL', async () => {
    const add = (name: string | null, profile_url: string | null) =>
      store.blacklist.add({ account_id: ACCOUNT, name, profile_url, reason: 'test', created_at: NOW });
    await add('jean-pierre DUPONT', null);
    await add('emile zola', null);
    await add(null, 'https://fr.linkedin.com/in/alan-turing-phd?trk=profile');
    await add(null, 'linkedin.com/in/KATHERINE-JOHNSON');
    await add('Marie', null); // not a full-name match
    const r = await run();
    expect(reasons(r.outcomes)).toEqual({ sent: 13, 'skipped:blacklisted': 4 });
    for (const slug of ['jean-pierre-dupont', 'emile-zola', 'alan-turing-phd', 'katherine-johnson']) {
      expect(fake.sentTo(slug), slug).toEqual([]);
    }
    expect(r.logged('Skipped Émile Zola: blacklisted')).toHaveLength(1);
    expect(await store.birthdayMessages.find(ACCOUNT, 'emile-zola', TODAY)).toBeNull();
  });

  it('avoids templates used for the contact within avoid_repetition_years', async () => {
    fake.birthdays = [];
    fake.addBirthday('Marie Curie', 0);
    await store.templates.replace(
      ACCOUNT,
      'fr',
      { today: ['A {first_name}', 'B {first_name}', 'C {first_name}'], late: ['L'] },
      NOW,
    );
    // Last year: A (avoided). Three years ago: B (old enough to reuse).
    await seedSent('marie-curie', '2024-06-15', '2024-06-15T10:00:00.000Z', 'A {first_name}');
    await seedSent('marie-curie', '2022-06-15', '2022-06-15T10:00:00.000Z', 'B {first_name}');
    await run(
      {},
      testDeps(clock, () => 0),
    );
    expect(fake.sentTo('marie-curie')).toEqual(['B Marie']);
  });

  it('avoids every recently used template, and picks any when all were used', async () => {
    fake.birthdays = [];
    fake.addBirthday('Marie Curie', 0);
    fake.addBirthday('Paul Langevin', 0);
    await store.templates.replace(
      ACCOUNT,
      'fr',
      { today: ['A {first_name}', 'B {first_name}'], late: ['L'] },
      NOW,
    );
    await seedSent('marie-curie', '2024-06-15', '2024-06-15T10:00:00.000Z', 'A {first_name}');
    for (const [i, t] of ['A {first_name}', 'B {first_name}'].entries()) {
      await seedSent('paul-langevin', `202${3 + i}-06-15`, `202${3 + i}-06-15T10:00:00.000Z`, t);
    }
    // random() ~ 1 would pick the last template of the full list.
    await run(
      {},
      testDeps(clock, () => 0.999),
    );
    expect(fake.sentTo('marie-curie')).toEqual(['B Marie']);
    expect(fake.sentTo('paul-langevin')).toEqual(['B Paul']);

    // With repetition allowed, the whole list is the pool.
    fake.birthdays = [];
    fake.addBirthday('Irène Joliot-Curie', 0);
    await seedSent('irene-joliot-curie', '2024-06-15', '2024-06-15T10:00:00.000Z', 'A {first_name}');
    await run(
      { settings: { birthday: { avoid_repetition_years: 0 } } },
      testDeps(clock, () => 0),
    );
    expect(fake.sentTo('irene-joliot-curie')).toEqual(['A Irène']);
  });

  it('dry run sends nothing and writes no ledger row, but says what it would send', async () => {
    const r = await run({ dryRun: true });
    expect(fake.sent).toEqual([]);
    expect(fake.callsOf('sendMessage')).toEqual([]);
    expect(reasons(r.outcomes)).toEqual({ 'skipped:dry_run': 17 });
    expect(r.counters).toMatchObject({ messages_sent: 0, skipped: 17 });
    expectOneOutcomePerContact(r.outcomes);
    expect(await store.birthdayMessages.listUnconfirmed(ACCOUNT)).toEqual([]);
    expect(await store.birthdayMessages.countSent(ACCOUNT, '2000-01-01T00:00:00.000Z')).toBe(0);
    for (const [name] of ALL) {
      expect(await store.birthdayMessages.find(ACCOUNT, slugOf(name), TODAY)).toBeNull();
    }
    expect(r.logged('Dry run: would wish Linus Torvalds (2 days late): "')).toHaveLength(1);
    expect(r.deps.sleeps).toEqual([]);

    // A real run afterwards sends everything.
    await run();
    expect(fake.sent).toHaveLength(17);
  });

  it('a dry run simulates the limits', async () => {
    const r = await run({ dryRun: true, settings: { limits: { per_run: 4 } } });
    expect(reasons(r.outcomes)).toEqual({ 'skipped:dry_run': 4, 'skipped:limit': 13 });
  });

  it('outside the daily window skips everything; force sends anyway', async () => {
    const settings = { schedule: { window_start: '07:00', window_end: '19:00' } };
    clock.set('2025-06-15T20:00:00.000Z'); // 22:00 in Paris
    const closed = await run({ settings });
    expect(fake.sent).toEqual([]);
    expect(reasons(closed.outcomes)).toEqual({ 'skipped:outside_window': 17 });
    expect(closed.logged('Outside the daily window 07:00-19:00 (Europe/Paris)')).toHaveLength(1);

    const forced = await run({ settings, options: { force: true } });
    expect(fake.sent).toHaveLength(17);
    expect(reasons(forced.outcomes)).toEqual({ sent: 17 });
  });

  it('a dry run ignores the daily window: it simulates every contact at any hour', async () => {
    clock.set('2025-06-15T20:00:00.000Z'); // 22:00 in Paris
    const r = await run({
      dryRun: true,
      settings: { schedule: { window_start: '07:00', window_end: '19:00' } },
    });
    expect(fake.sent).toEqual([]);
    expect(reasons(r.outcomes)).toEqual({ 'skipped:dry_run': 17 });
  });

  it('the window end is exclusive and checked before each send as time passes', async () => {
    // Window closes at 12:05 Paris (10:05 UTC); one minute between sends.
    const r = await run({
      settings: {
        schedule: { window_start: '07:00', window_end: '12:05' },
        delays: { min_seconds: 60, max_seconds: 60 },
      },
    });
    expect(fake.sent).toHaveLength(5);
    expect(reasons(r.outcomes)).toEqual({ sent: 5, 'skipped:outside_window': 12 });
    expect(r.deps.sleeps).toEqual([60_000, 60_000, 60_000, 60_000, 60_000]);
  });
});

describe('runBirthdayBot: crash recovery (unconfirmed intents)', () => {
  async function seedIntent(slug: string, text: string, runId = 'dead-run') {
    return (await store.birthdayMessages.createIntent({
      account_id: ACCOUNT,
      contact_slug: slug,
      birthday_date: TODAY,
      run_id: runId,
      template: 'Joyeux anniversaire {first_name} ! 🎂',
      text,
      dry_run: false,
      created_at: '2025-06-15T09:00:00.000Z',
    }))!;
  }

  it('confirms an intent found in the conversation and does not send again', async () => {
    const intent = await seedIntent('nikola-tesla', 'Joyeux anniversaire Nikola ! 🎂');
    fake.conversations.set('nikola-tesla', ['Salut !', 'Joyeux  anniversaire Nikola ! 🎂']);
    const r = await run();
    expect(fake.sentTo('nikola-tesla')).toEqual([]);
    expect(fake.sent).toHaveLength(16);
    expect(fake.callsOf('readConversation').map((c) => c.slug)).toEqual(['nikola-tesla']);
    const row = await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', TODAY);
    expect(row).toMatchObject({ id: intent.id, state: 'confirmed', run_id: 'dead-run' });
    const outcome = r.outcomes.find((o) => o.profile_url === profileUrlOf('nikola-tesla'));
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'already_wished' });
    expect(r.logged('Confirmed a pending wish to Nikola Tesla')).toHaveLength(1);
    expectOneOutcomePerContact(r.outcomes);
  });

  it('a confirmed pending wish counts against the daily limit', async () => {
    // Today's come first: the pending wish is settled before the two late ones.
    fake.birthdays = [];
    fake.addBirthday('Nikola Tesla', 0);
    for (const name of ['Rosalind Franklin', 'Katherine Johnson']) fake.addBirthday(name, 1);
    await seedIntent('nikola-tesla', 'Joyeux anniversaire Nikola ! 🎂');
    fake.conversations.set('nikola-tesla', ['Joyeux anniversaire Nikola ! 🎂']);
    const r = await run({ settings: { limits: { daily: 2 } } });
    expect(fake.sent).toHaveLength(1);
    expect(r.outcomes.map((o) => (o.status === 'sent' ? o.status : (o.reason ?? o.status)))).toEqual([
      'already_wished',
      'sent',
      'limit',
    ]);
    expect(r.outcomes[1]!.profile_url).toBe(profileUrlOf(fake.sent[0]!.slug));
  });

  it('resends once when the intent is not in the conversation', async () => {
    const intent = await seedIntent('nikola-tesla', 'Joyeux anniversaire Nikola ! 🎂');
    fake.conversations.set('nikola-tesla', ['Salut !']);
    const r = await run();
    expect(fake.sentTo('nikola-tesla')).toHaveLength(1);
    expect(fake.sent).toHaveLength(17);
    const row = await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', TODAY);
    expect(row).toMatchObject({ state: 'confirmed', run_id: r.ctx.run.id });
    expect(row!.id).not.toBe(intent.id);
    expect(r.logged('never reached the conversation: sending again')).toHaveLength(1);
    // And a later run does not send again.
    await run();
    expect(fake.sentTo('nikola-tesla')).toHaveLength(1);
  });

  it('does not press Send when another run takes the key first (beforeSend refuses)', async () => {
    fake.onBeforeSend = async (contact) => {
      if (contact.slug === 'emile-zola') await seedIntent('emile-zola', 'from another run', 'other-run');
    };
    const r = await run();
    expect(fake.sentTo('emile-zola')).toEqual([]);
    expect(fake.sent).toHaveLength(16);
    const outcome = r.outcomes.find((o) => o.profile_url === profileUrlOf('emile-zola'));
    expect(outcome).toMatchObject({ status: 'skipped', reason: 'already_wished' });
    expect(await store.birthdayMessages.find(ACCOUNT, 'emile-zola', TODAY)).toMatchObject({
      run_id: 'other-run',
      state: 'intent',
    });
  });

  it('matches conversation text ignoring whitespace differences', () => {
    expect(threadContains(['Happy  birthday\nMarie!'], 'Happy birthday Marie!')).toBe(true);
    expect(threadContains(['Happy birthday Paul!'], 'Happy birthday Marie!')).toBe(false);
    expect(threadContains([], 'x')).toBe(false);
    expect(threadContains(['anything'], '  ')).toBe(false);
  });
});

describe('runBirthdayBot: errors', () => {
  it('send_failed on 2 contacts: 2 error outcomes with screenshots, the rest sent, intents freed for a retry', async () => {
    fake.failOn('send:zoe-martin', { code: 'send_failed', screenshot: 'runs/x/send-zoe.png' });
    fake.failOn('send:hedy-lamarr', { code: 'send_failed', screenshot: null });
    const r = await run();
    expect(fake.sent).toHaveLength(15);
    expect(reasons(r.outcomes)).toEqual({ sent: 15, error: 2 });
    expect(r.counters).toMatchObject({ messages_sent: 15, errors: 2, skipped: 0 });
    expectOneOutcomePerContact(r.outcomes);
    const zoe = r.outcomes.find((o) => o.profile_url === profileUrlOf('zoe-martin'));
    expect(zoe).toMatchObject({
      status: 'error',
      error_code: 'send_failed',
      screenshot: 'runs/x/send-zoe.png',
    });
    // No screenshot in the error: the bot takes one.
    const hedy = r.outcomes.find((o) => o.profile_url === profileUrlOf('hedy-lamarr'));
    expect(hedy).toMatchObject({
      status: 'error',
      error_code: 'send_failed',
      screenshot: 'screenshots/birthday-hedy-lamarr.png',
    });
    expect(await store.birthdayMessages.find(ACCOUNT, 'zoe-martin', TODAY)).toBeNull();
    expect(await store.birthdayMessages.listUnconfirmed(ACCOUNT)).toEqual([]);

    // The next run retries them (the fault is gone).
    fake.failOn('send:zoe-martin', { code: 'send_failed', times: 0 });
    fake.failOn('send:hedy-lamarr', { code: 'send_failed', times: 0 });
    const retry = await run();
    expect(reasons(retry.outcomes)).toEqual({ sent: 2, 'skipped:already_wished': 15 });
    expect(fake.sentTo('zoe-martin')).toHaveLength(1);
  });

  it('a timeout after Send may have been pressed leaves the intent for the next run to check', async () => {
    fake.failOn('send:nikola-tesla', { code: 'timeout', times: 1 });
    const r = await run();
    expect(reasons(r.outcomes)).toEqual({ sent: 16, error: 1 });
    expect(await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', TODAY)).toMatchObject({
      state: 'intent',
    });

    const next = await run();
    expect(fake.callsOf('readConversation').map((c) => c.slug)).toEqual(['nikola-tesla']);
    expect(reasons(next.outcomes)).toEqual({ sent: 1, 'skipped:already_wished': 16 });
    expect(fake.sentTo('nikola-tesla')).toHaveLength(1);
  });

  it('a send confirmed too late (delivered, then a timeout) is never sent twice', async () => {
    fake.failOn('send:nikola-tesla', { code: 'timeout', times: 1, delivered: true });
    const r = await run();
    expect(reasons(r.outcomes)).toEqual({ sent: 16, error: 1 });
    expect(r.logged('no confirmation after Send')).toHaveLength(1);

    const next = await run();
    expect(reasons(next.outcomes)).toEqual({ 'skipped:already_wished': 17 });
    expect(fake.sentTo('nikola-tesla')).toHaveLength(1);
    expect(await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', TODAY)).toMatchObject({
      state: 'confirmed',
    });
  });

  it('a message box addressed to someone else: error outcome with a screenshot, nothing sent, run goes on', async () => {
    fake.failOn('send:nikola-tesla', { code: 'recipient_mismatch' });
    const r = await run();
    expect(reasons(r.outcomes)).toEqual({ sent: 16, error: 1 });
    const error = r.outcomes.find((o) => o.status === 'error')!;
    expect(error).toMatchObject({
      error_code: 'recipient_mismatch',
      screenshot: expect.stringMatching(/\.png$/),
    });
    expect(fake.sentTo('nikola-tesla')).toHaveLength(0);
    expect(await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', TODAY)).toBeNull();
  });

  it('stops after 3 sends in a row that LinkedIn never confirmed, rather than sending blind', async () => {
    for (const [name] of ALL)
      fake.failOn(`send:${slugOf(name)}`, { code: 'timeout', times: 1, delivered: true });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    const failure = await runBirthdayBot(t.ctx, fake, testDeps(clock)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'unconfirmed_sends' });
    expect(fake.sent).toHaveLength(3);
    const outcomes = await t.outcomes();
    expect(reasons(outcomes)).toEqual({ error: 3, 'skipped:unconfirmed_sends': 14 });
    // The three are pending, for the next run to check in their conversations.
    expect(await store.birthdayMessages.listUnconfirmed(ACCOUNT)).toHaveLength(3);
  });

  it('element_not_found before Send: error outcome, no intent left, run goes on', async () => {
    fake.failOn('send:nikola-tesla', { code: 'element_not_found' });
    const r = await run();
    expect(reasons(r.outcomes)).toEqual({ sent: 16, error: 1 });
    expect(await store.birthdayMessages.find(ACCOUNT, 'nikola-tesla', TODAY)).toBeNull();
  });

  it('auth_required: RunFailure auth_required, session marked expired, nothing more sent', async () => {
    await store.linkedinSessions.put({
      account_id: ACCOUNT,
      encrypted: 'x',
      status: 'valid',
      checked_at: null,
      updated_at: NOW,
    });
    fake.failOn('send:zoe-martin', { code: 'auth_required' });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    const failure = await runBirthdayBot(t.ctx, fake, testDeps(clock)).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(RunFailure);
    expect(failure).toMatchObject({ code: 'auth_required' });
    // Zoé was the last one tried: those before her were wished, nobody after.
    const before = attempted().indexOf('zoe-martin');
    expect(before).toBe(attempted().length - 1);
    expect(before).toBeGreaterThan(0);
    expect(fake.sent).toHaveLength(before);
    expect((await store.linkedinSessions.get(ACCOUNT))?.status).toBe('expired');
    const outcomes = await t.outcomes();
    expect(reasons(outcomes)).toEqual({ sent: before, error: 1, 'skipped:auth_required': 16 - before });
    expectOneOutcomePerContact(outcomes);
  });

  it('auth_required: the session marked expired is told at once, and once with the run’s end', async () => {
    await store.linkedinSessions.put({
      account_id: ACCOUNT,
      encrypted: 'x',
      status: 'valid',
      checked_at: null,
      updated_at: NOW,
    });
    fake.failOn('send:zoe-martin', { code: 'auth_required' });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    const failure = await runBirthdayBot(t.ctx, fake, testDeps(clock)).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'auth_required' });
    const events = () => store.notifications.undispatchedEvents(10);
    // Recorded with the expiry: a run process killed now does not lose it.
    const told = [
      {
        event: 'session_expired',
        dedup_key: `session_expired:${ACCOUNT}:${NOW}`,
        data: {
          run_id: t.ctx.run.id,
          reason: (failure as Error).message,
          checked_at: clock.now().toISOString(),
          timezone: t.ctx.settings.schedule.timezone,
        },
      },
    ];
    expect(await events()).toMatchObject(told);
    // The run's end says the same expiry under the same key: still once.
    const lifecycle = new RunLifecycle(store, new EventBus(), clock);
    const final = await lifecycle.finish(t.ctx.run, {
      status: 'failed',
      error: { code: 'auth_required', message: (failure as Error).message },
    });
    expect(final?.status).toBe('failed');
    expect(await events()).toMatchObject(told);
    expect(await events()).toHaveLength(1);
  });

  it('auth_required on the birthday page fails the run before anything; a login is no pushback', async () => {
    fake.failOn('listBirthdays', { code: 'auth_required' });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    await expect(runBirthdayBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      name: 'RunFailure',
      code: 'auth_required',
      pushback: null,
    });
    expect(fake.callsOf('sendMessage')).toEqual([]);
  });

  it('a checkpoint or a captcha fails the run auth_required, saying which, as LinkedIn pushing back', async () => {
    for (const challenge of ['checkpoint', 'captcha'] as const) {
      fake.failOn('listBirthdays', { code: 'auth_required', challenge });
      const t = await createTestRun(store, { queuedAt: clock.now() });
      const failure = await runBirthdayBot(t.ctx, fake, testDeps(clock)).catch((e: unknown) => e);
      expect(failure).toMatchObject({ name: 'RunFailure', code: 'auth_required', pushback: challenge });
      expect((failure as Error).message).toMatch(
        challenge === 'checkpoint' ? /security check \(checkpoint\)/ : /captcha/,
      );
      expect((failure as Error).message).toMatch(/pause until you resume them/);
    }
  });

  it('a birthday page that cannot be read fails the run with the error code', async () => {
    fake.failOn('listBirthdays', { code: 'element_not_found' });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    await expect(runBirthdayBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      name: 'RunFailure',
      code: 'element_not_found',
    });
  });

  it('rate_limited: RunFailure rate_limited and no further sends', async () => {
    // The first late one: after the 12 of today, whatever their order.
    fake.failOn('send:hedy-lamarr', { code: 'rate_limited' });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    await expect(runBirthdayBot(t.ctx, fake, testDeps(clock))).rejects.toMatchObject({
      name: 'RunFailure',
      code: 'rate_limited',
      pushback: 'rate_limited',
    });
    expect(fake.sent).toHaveLength(12);
    expect(fake.callsOf('sendMessage')).toHaveLength(13);
    const outcomes = await t.outcomes();
    expect(reasons(outcomes)).toEqual({ sent: 12, error: 1, 'skipped:rate_limited': 4 });
    expect(t.logs.some((l) => l.level === 'warn' && l.message.includes('limit'))).toBe(true);
  });

  it('a stop during the delay between sends returns at once with no further send', async () => {
    const t = await createTestRun(store, {
      queuedAt: clock.now(),
      settings: { delays: { min_seconds: 30, max_seconds: 30 } },
    });
    fake.onSend = () => setTimeout(() => t.controller.abort(), 20);
    const started = Date.now();
    // Real (abortable) sleep: the 30 s wait must end with the stop.
    const result = await runBirthdayBot(t.ctx, fake, { now: clock.now });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.sent).toBe(1);
    expect(fake.sent).toHaveLength(1);
    expect(fake.callsOf('sendMessage')).toHaveLength(1);
    // The contact waited for is named as interrupted: nothing went out to them.
    const outcomes = await t.outcomes();
    expect(outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['sent', 'confirmed_in_thread'],
      ['interrupted', 'stopped_before_send'],
    ]);
    expect(outcomes[1]!.contact_name).not.toBe(fake.sent[0]!.slug);
    expect(result.skipped).toBe(0);
    expect(t.counters).toMatchObject({ messages_sent: 1, skipped: 0, errors: 0 });
  });

  it('a stop during a send returns at once and leaves the intent unconfirmed', async () => {
    fake.hangOn('send:jean-pierre-dupont');
    const t = await createTestRun(store, { queuedAt: clock.now() });
    setTimeout(() => t.controller.abort(), 50);
    const started = Date.now();
    await runBirthdayBot(t.ctx, fake, testDeps(clock));
    expect(Date.now() - started).toBeLessThan(2000);
    // Jean-Pierre was the last one tried: nothing after the stop.
    expect(attempted().at(-1)).toBe('jean-pierre-dupont');
    expect(fake.sent).toHaveLength(attempted().length - 1);
    expect(await store.birthdayMessages.find(ACCOUNT, 'jean-pierre-dupont', TODAY)).toMatchObject({
      state: 'intent',
    });
    expect(t.logged('the next run checks the conversation')).toHaveLength(1);
    // The contact being sent to is recorded as interrupted, and not claimed "not sent": Send
    // may have been pressed (the intent stays pending for the next run to check).
    const outcomes = await t.outcomes();
    expect(outcomes.at(-1)).toMatchObject({
      status: 'interrupted',
      reason: 'stopped_after_send',
      contact_name: 'Jean-Pierre Dupont',
      profile_url: profileUrlOf('jean-pierre-dupont'),
    });
    expect(outcomes.filter((o) => o.status === 'interrupted')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'sent')).toHaveLength(fake.sent.length);
    expect(t.counters.errors).toBe(0);
  });

  it('a stop while checking a pending wish of an earlier run is not "nothing sent": Send may have been pressed', async () => {
    fake.hangOn('read:jean-pierre-dupont');
    // A pending wish of a dead run makes the bot read the conversation first: the stop hits there.
    await store.birthdayMessages.createIntent({
      account_id: ACCOUNT,
      contact_slug: 'jean-pierre-dupont',
      birthday_date: TODAY,
      run_id: 'dead-run',
      template: 'x',
      text: 'Happy birthday Jean-Pierre',
      dry_run: false,
      created_at: NOW,
    });
    const t = await createTestRun(store, { queuedAt: clock.now() });
    setTimeout(() => t.controller.abort(), 50);
    const started = Date.now();
    await runBirthdayBot(t.ctx, fake, testDeps(clock));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(fake.sentTo('jean-pierre-dupont')).toEqual([]);
    const outcomes = await t.outcomes();
    expect(outcomes.at(-1)).toMatchObject({
      status: 'interrupted',
      reason: 'stopped_after_send',
      contact_name: 'Jean-Pierre Dupont',
    });
    // The earlier run's intent is left for the next run to settle.
    expect(await store.birthdayMessages.find(ACCOUNT, 'jean-pierre-dupont', TODAY)).toMatchObject({
      state: 'intent',
      run_id: 'dead-run',
    });
  });

  it('an already aborted signal does nothing', async () => {
    const t = await createTestRun(store, { queuedAt: clock.now() });
    t.controller.abort();
    const result = await runBirthdayBot(t.ctx, fake, testDeps(clock));
    expect(result.sent).toBe(0);
    expect(fake.calls).toEqual([]);
  });
});

describe('runBirthdayBot: belated birthdays without a date', () => {
  beforeEach(() => {
    fake = new FakeLinkedIn();
    fake.addBirthday('Nikola Tesla', 0);
    fake.addBirthday('🔥 Nicolas R. 🚀', null);
    fake.addBirthday('Julian LOPEZ VARELA', null);
  });

  it('wishes them once, keyed by contact and year, with a template that needs no day count', async () => {
    await store.templates.replace(
      ACCOUNT,
      'fr',
      {
        today: ['Happy birthday {first_name}!'],
        late: [
          'Belated happy birthday {first_name}, {days_late} days late!',
          'Belated happy birthday {first_name}!',
        ],
      },
      NOW,
    );
    const r = await run();
    expect(reasons(r.outcomes)).toEqual({ sent: 3 });
    expect(fake.sentTo('nicolas-r')).toEqual(['Belated happy birthday Nicolas!']);
    expect(fake.sentTo('julian-lopez-varela')).toEqual(['Belated happy birthday Julian!']);
    expect(await store.birthdayMessages.find(ACCOUNT, 'nicolas-r', '2025-belated')).toMatchObject({
      state: 'confirmed',
    });

    // The same cards the next days: already wished.
    clock.advance(2 * 86_400_000);
    const next = await run();
    expect(reasons(next.outcomes)).toEqual({ 'skipped:already_wished': 2, sent: 1 });
    expect(fake.sentTo('nicolas-r')).toHaveLength(1);
  });

  it('falls back to the default late templates without a day count when every late template has one', async () => {
    await store.templates.replace(
      ACCOUNT,
      'fr',
      {
        today: ['Happy birthday {first_name}!'],
        late: ['Belated happy birthday {first_name}, {days_late} days late!'],
      },
      NOW,
    );
    await run();
    const text = fake.sentTo('nicolas-r')[0]!;
    const dateless = DEFAULT_TEMPLATES.late.filter((t) => !t.includes('{days_late}'));
    expect(dateless.map((t) => fillTemplate(t, { first_name: 'Nicolas', name: '', days_late: 0 }))).toContain(
      text,
    );
  });

  it('skips a contact wished in the last 300 days, and is off when late birthdays are', async () => {
    const off = await run({ options: { process_late: false } });
    expect(reasons(off.outcomes)).toEqual({ sent: 1 });
    expect(fake.sent.map((m) => m.slug)).toEqual(['nikola-tesla']);

    await seedSent('nicolas-r', '2025-01-02', '2024-09-01T10:00:00.000Z');
    const r = await run();
    expect(r.outcomes.find((o) => o.profile_url?.includes('nicolas-r'))).toMatchObject({
      status: 'skipped',
      reason: 'already_wished',
    });
    expect(fake.sentTo('nicolas-r')).toHaveLength(0);
    expect(fake.sentTo('julian-lopez-varela')).toHaveLength(1);
  });

  it('greets nobody by a slug when the card gave no readable name', async () => {
    fake = new FakeLinkedIn();
    fake.addBirthday('sarah-b-8a1c', 0, 'sarah-b-8a1c');
    await store.templates.replace(
      ACCOUNT,
      'fr',
      { today: ['Happy birthday {first_name}!'], late: ['Belated!'] },
      NOW,
    );
    await run();
    expect(fake.sentTo('sarah-b-8a1c')).toEqual(['Happy birthday!']);
  });

  it('keys them by the year', () => {
    expect(birthdayDateOf('2026-01-03', null)).toBe('2026-belated');
    expect(birthdayDateOf('2026-01-03', 3)).toBe('2025-12-31');
  });
});
