/**
 * The store contract: every adapter (SQLite, PostgreSQL) must pass this same suite.
 * One store is shared by the whole suite, so each test works in its own account(s) and
 * only asserts on the rows it created.
 */
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AccountPause,
  type LogLevel,
  type OutcomeStatus,
  type Run,
  type RunCounters,
  zeroCounters,
} from '../domain.ts';
import type { NewLogLine, NewRun, Store } from './interfaces.ts';
import { MIGRATIONS } from './migrate.ts';

export type MakeStore = () => Promise<{ store: Store; cleanup: () => Promise<void> }>;

/** A fixed clock: `at(d, h, m)` is 2025-03-<d> h:m UTC as an ISO string. */
const at = (day: number, hour = 0, minute = 0) =>
  new Date(Date.UTC(2025, 2, day, hour, minute)).toISOString();

const counters = (partial: Partial<RunCounters>): RunCounters => ({ ...zeroCounters(), ...partial });

/** Blacklist rows an older version let in twice (before migration 006), for the upgrade tests. */
export async function insertDuplicates(db: Kysely<unknown>): Promise<void> {
  const rows: [string, string | null, string | null, string][] = [
    ['default', 'Ada', 'https://www.linkedin.com/in/ada', 'first'],
    ['default', 'Ada L.', 'https://www.linkedin.com/in/ADA/', 'second'],
    ['default', 'Bob', null, 'first'],
    ['default', ' bob ', null, 'second'],
    ['other', 'Bob', null, 'other account'],
  ];
  for (const [account_id, name, profile_url, reason] of rows) {
    await sql`insert into blacklist (account_id, name, profile_url, reason, created_at)
      values (${account_id}, ${name}, ${profile_url}, ${reason}, ${at(1)})`.execute(db);
  }
}

/** After migration 006: the first of each person's rows, and no second one can come in. */
export async function expectDeduplicated(store: Store): Promise<void> {
  const kept = await store.blacklist.list('default');
  expect(kept.map((e) => [e.name, e.reason])).toEqual([
    ['Ada', 'first'],
    ['Bob', 'first'],
  ]);
  expect(await store.blacklist.list('other')).toHaveLength(1);
  await expect(
    store.blacklist.add({
      account_id: 'default',
      name: 'BOB',
      profile_url: null,
      reason: null,
      created_at: at(2),
    }),
  ).rejects.toMatchObject({ code: 'already_blacklisted', details: { id: kept[1]!.id } });
}

/** Template sets stored before migration 008 (one per account, no language), for the upgrade tests. */
export async function insertOldTemplates(db: Kysely<unknown>): Promise<void> {
  const rows: [string, string[], string[]][] = [
    // The old defaults with one line changed: French, with the two English lines they mixed in.
    [
      'default',
      ['Joyeux anniversaire {first_name} !', 'Happy birthday {first_name}! 🎉'],
      [
        'Avec un peu de retard, joyeux anniversaire {first_name} !',
        'Belated happy birthday, {first_name}! 🎉',
      ],
    ],
    ['english', ['Happy birthday {first_name}!', 'Have a great year, {name}'], ['Belated wishes, {name}!']],
  ];
  for (const [account_id, today, late] of rows) {
    await sql`insert into templates (account_id, today, late, updated_at)
      values (${account_id}, ${JSON.stringify(today)}, ${JSON.stringify(late)}, ${at(1)})`.execute(db);
  }
  await sql`insert into settings (account_id, key, value, updated_at)
    values ('english', 'settings', ${JSON.stringify({ dry_run: true, birthday: { max_days_late: 3 } })}, ${at(1)})`.execute(
    db,
  );
  await sql`insert into contacts (account_id, slug, name, profile_url, updated_at)
    values ('default', 'ada', 'Ada', 'https://x/in/ada/', ${at(1)})`.execute(db);
}

/** After migration 008: each set in the language of its words, which became the account's wish language. */
export async function expectTemplatesUpgraded(store: Store): Promise<void> {
  expect(await store.templates.list('default')).toEqual({
    fr: {
      today: ['Joyeux anniversaire {first_name} !'],
      late: ['Avec un peu de retard, joyeux anniversaire {first_name} !'],
    },
  });
  expect(await store.templates.list('english')).toEqual({
    en: {
      today: ['Happy birthday {first_name}!', 'Have a great year, {name}'],
      late: ['Belated wishes, {name}!'],
    },
  });
  expect(await store.settings.get('default', 'settings')).toEqual({ birthday: { language: 'fr' } });
  expect(await store.settings.get('english', 'settings')).toEqual({
    dry_run: true,
    birthday: { max_days_late: 3, language: 'en' },
  });
  expect(await store.contacts.get('default', 'ada')).toMatchObject({ name: 'Ada', language: null });
}

/**
 * Undoes migration 008 on a database at 008 (sets per language): each account keeps the set
 * in its wish language (`birthday.language`), French when its settings name none, else the
 * set it has.
 */
export async function expectTemplatesDowngradedToWishLanguage(db: Kysely<unknown>): Promise<void> {
  const sets: [string, string, string[], string[]][] = [
    ['wants_en', 'fr', ['Joyeux anniversaire {first_name} !'], ['En retard, {first_name} !']],
    ['wants_en', 'en', ['Happy birthday {first_name}!'], ['Belated wishes, {first_name}!']],
    ['wants_fr', 'en', ['Happy birthday, {name}!'], ['Sorry I am late, {name}!']],
    ['wants_fr', 'fr', ['Bon anniversaire {name} !'], ['Avec retard, {name} !']],
    ['unset', 'en', ['Many happy returns, {name}'], ['Late wishes, {name}']],
    ['unset', 'fr', ['Bel anniversaire, {name}'], ['Un peu tard, {name}']],
    ['only_en', 'en', ['Cheers {name}!'], ['Late cheers {name}!']],
  ];
  for (const [account_id, language, today, late] of sets) {
    await sql`insert into templates (account_id, language, today, late, updated_at)
      values (${account_id}, ${language}, ${JSON.stringify(today)}, ${JSON.stringify(late)}, ${at(2)})`.execute(
      db,
    );
  }
  const settings: [string, unknown][] = [
    ['wants_en', { dry_run: true, birthday: { language: 'en' } }],
    ['wants_fr', { birthday: { language: 'fr', max_days_late: 3 } }],
    ['unset', { dry_run: false }],
    ['only_en', { birthday: { language: 'fr' } }],
  ];
  for (const [account_id, value] of settings) {
    await sql`insert into settings (account_id, key, value, updated_at)
      values (${account_id}, 'settings', ${JSON.stringify(value)}, ${at(2)})`.execute(db);
  }

  await MIGRATIONS['008_template_languages']!.down!(db);

  const rows = (
    await sql<{ account_id: string; today: string; late: string }>`select account_id, today, late
      from templates order by account_id`.execute(db)
  ).rows;
  expect(rows.map((r) => [r.account_id, JSON.parse(r.today), JSON.parse(r.late)])).toEqual([
    ['only_en', ['Cheers {name}!'], ['Late cheers {name}!']],
    ['unset', ['Bel anniversaire, {name}'], ['Un peu tard, {name}']],
    ['wants_en', ['Happy birthday {first_name}!'], ['Belated wishes, {first_name}!']],
    ['wants_fr', ['Bon anniversaire {name} !'], ['Avec retard, {name} !']],
  ]);
}

export function describeStoreContract(name: string, makeStore: MakeStore): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;
    let cleanup: () => Promise<void>;
    let seq = 0;
    /** A fresh account id, so tests sharing the store never see each other's rows. */
    const account = (label = 'acct') => `${label}_${++seq}`;

    beforeAll(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterAll(async () => {
      await cleanup?.();
    });

    const newRun = (accountId: string, overrides: Partial<NewRun> = {}): NewRun => ({
      account_id: accountId,
      type: 'birthday',
      trigger: 'manual',
      dry_run: false,
      options: {},
      queued_at: at(1),
      ...overrides,
    });

    /** Creates a run (the account must be idle) and optionally finishes it. */
    async function makeRun(
      accountId: string,
      overrides: Partial<NewRun> = {},
      finish?: {
        status?: 'succeeded' | 'failed' | 'stopped' | 'interrupted';
        startedAt?: string;
        counters?: Partial<RunCounters>;
      },
    ): Promise<Run> {
      const run = await store.runs.createIfIdle(newRun(accountId, overrides));
      if (!run) throw new Error(`account ${accountId} is not idle`);
      if (!finish) return run;
      if (finish.startedAt)
        expect(await store.runs.markRunning(run.id, finish.startedAt, 1, 'host')).toBe(true);
      const ok = await store.runs.finish(run.id, {
        status: finish.status ?? 'succeeded',
        at: finish.startedAt ?? run.queued_at,
        counters: counters(finish.counters ?? {}),
      });
      expect(ok).toBe(true);
      return (await store.runs.get(run.id))!;
    }

    it('reports its dialect and answers ping', async () => {
      expect(['sqlite', 'postgres']).toContain(store.dialect);
      await expect(store.ping()).resolves.toBeUndefined();
    });

    describe('runs', () => {
      it('createIfIdle stores a queued run with every field mapped', async () => {
        const acc = account();
        const run = await store.runs.createIfIdle(
          newRun(acc, {
            type: 'visitor',
            trigger: 'schedule',
            dry_run: true,
            options: { limit: 5, nested: { process_late: true, list: [1, 'a'] } },
            schedule_date: '2025-03-01',
            queued_at: at(1, 8),
          }),
        );
        expect(run).not.toBeNull();
        expect(run).toMatchObject({
          account_id: acc,
          type: 'visitor',
          status: 'queued',
          trigger: 'schedule',
          dry_run: true,
          options: { limit: 5, nested: { process_late: true, list: [1, 'a'] } },
          queued_at: at(1, 8),
          started_at: null,
          ended_at: null,
          error: null,
          stopped_by: null,
          progress: {},
          heartbeat_at: null,
          schedule_date: '2025-03-01',
          pid: null,
          host: null,
          ...zeroCounters(),
        });
        expect(typeof run!.id).toBe('string');
        expect(await store.runs.get(run!.id)).toEqual(run);
        expect(await store.runs.get('no-such-run')).toBeNull();
        const manual = await makeRun(account());
        expect(manual.schedule_date).toBeNull();
        expect(manual.dry_run).toBe(false);
      });

      it('createIfIdle lets exactly one of many concurrent calls win, per account', async () => {
        const acc = account();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.runs.createIfIdle(newRun(acc, { queued_at: at(1, 0, i) })),
          ),
        );
        const created = results.filter((r): r is Run => r !== null);
        expect(created).toHaveLength(1);
        expect(results.filter((r) => r === null)).toHaveLength(9);
        expect((await store.runs.listActive(acc)).map((r) => r.id)).toEqual([created[0]!.id]);

        // Another account has its own slot.
        const other = account();
        expect(await store.runs.createIfIdle(newRun(other))).not.toBeNull();

        // Once finished, the slot is free again.
        expect(await store.runs.finish(created[0]!.id, { status: 'succeeded', at: at(1, 1) })).toBe(true);
        expect(await store.runs.createIfIdle(newRun(acc, { queued_at: at(1, 2) }))).not.toBeNull();
      });

      it('running and stopping runs hold the slot too', async () => {
        const acc = account();
        const run = await makeRun(acc);
        expect(await store.runs.markRunning(run.id, at(1, 1), 10, 'h')).toBe(true);
        expect(await store.runs.createIfIdle(newRun(acc))).toBeNull();
        expect(await store.runs.markStopping(run.id, 'user:alice')).toBe(true);
        expect(await store.runs.createIfIdle(newRun(acc))).toBeNull();
        expect(await store.runs.finish(run.id, { status: 'stopped', at: at(1, 2) })).toBe(true);
        expect(await store.runs.createIfIdle(newRun(acc))).not.toBeNull();
      });

      it('markRunning moves only a queued run to running', async () => {
        const acc = account();
        const run = await makeRun(acc);
        expect(await store.runs.markRunning(run.id, at(1, 3), 4242, 'worker-1')).toBe(true);
        expect(await store.runs.get(run.id)).toMatchObject({
          status: 'running',
          started_at: at(1, 3),
          heartbeat_at: at(1, 3),
          pid: 4242,
          host: 'worker-1',
        });
        expect(await store.runs.markRunning(run.id, at(1, 4), 1, 'other')).toBe(false);
        expect((await store.runs.get(run.id))!.host).toBe('worker-1');

        // Stopped before it started: it must not start any more.
        await store.runs.finish(run.id, { status: 'succeeded', at: at(1, 5) });
        const second = await makeRun(acc);
        expect(await store.runs.markStopping(second.id, 'scheduler')).toBe(true);
        expect(await store.runs.markRunning(second.id, at(1, 6), null, null)).toBe(false);
        expect((await store.runs.get(second.id))!.status).toBe('stopping');
        expect(await store.runs.markRunning('no-such-run', at(1, 6), null, null)).toBe(false);
      });

      it('markStopping moves queued or running runs to stopping and keeps the first stopper', async () => {
        const acc = account();
        const queued = await makeRun(acc);
        expect(await store.runs.markStopping(queued.id, 'user:alice')).toBe(true);
        expect(await store.runs.get(queued.id)).toMatchObject({
          status: 'stopping',
          stopped_by: 'user:alice',
        });
        // Asking again does not overwrite who asked first.
        await store.runs.markStopping(queued.id, 'api_key');
        expect(await store.runs.get(queued.id)).toMatchObject({
          status: 'stopping',
          stopped_by: 'user:alice',
        });
        await store.runs.finish(queued.id, { status: 'stopped', at: at(1, 1) });

        const running = await makeRun(acc);
        await store.runs.markRunning(running.id, at(1, 2), 1, 'h');
        expect(await store.runs.markStopping(running.id, 'api_key')).toBe(true);
        expect(await store.runs.get(running.id)).toMatchObject({ status: 'stopping', stopped_by: 'api_key' });
        await store.runs.finish(running.id, { status: 'stopped', at: at(1, 3) });

        // Final runs cannot be stopped.
        expect(await store.runs.markStopping(running.id, 'user:bob')).toBe(false);
        expect(await store.runs.get(running.id)).toMatchObject({ status: 'stopped', stopped_by: 'api_key' });
        expect(await store.runs.markStopping('no-such-run', 'user:bob')).toBe(false);
      });

      it('updateProgress and heartbeat update an active run only', async () => {
        const acc = account();
        const run = await makeRun(acc);
        await store.runs.markRunning(run.id, at(1, 1), 1, 'h');
        await store.runs.updateProgress(
          run.id,
          counters({
            messages_sent: 3,
            skipped: 2,
            errors: 1,
            profiles_visited: 4,
            invitations_withdrawn: 5,
          }),
          { found: 12, step: 'sending' },
          at(1, 2),
        );
        expect(await store.runs.get(run.id)).toMatchObject({
          messages_sent: 3,
          skipped: 2,
          errors: 1,
          profiles_visited: 4,
          invitations_withdrawn: 5,
          progress: { found: 12, step: 'sending' },
          heartbeat_at: at(1, 2),
        });
        await store.runs.heartbeat(run.id, at(1, 3));
        expect((await store.runs.get(run.id))!.heartbeat_at).toBe(at(1, 3));

        await store.runs.finish(run.id, { status: 'succeeded', at: at(1, 4) });
        await store.runs.updateProgress(run.id, counters({ messages_sent: 99 }), { step: 'late' }, at(1, 5));
        await store.runs.heartbeat(run.id, at(1, 6));
        expect(await store.runs.get(run.id)).toMatchObject({
          messages_sent: 3,
          progress: { found: 12, step: 'sending' },
          heartbeat_at: at(1, 3),
        });
      });

      it('finish is conditional, replaces counters when given and keeps stopped_by', async () => {
        const acc = account();
        const run = await makeRun(acc);
        await store.runs.markRunning(run.id, at(1, 1), 1, 'h');
        await store.runs.updateProgress(run.id, counters({ messages_sent: 2 }), {}, at(1, 2));
        expect(await store.runs.markStopping(run.id, 'user:alice')).toBe(true);
        const ok = await store.runs.finish(run.id, {
          status: 'stopped',
          at: at(1, 3),
          stopped_by: 'system',
          error: { code: 'stopped', message: 'Stopped by user' },
          counters: counters({ messages_sent: 4, errors: 1 }),
        });
        expect(ok).toBe(true);
        expect(await store.runs.get(run.id)).toMatchObject({
          status: 'stopped',
          ended_at: at(1, 3),
          stopped_by: 'user:alice',
          error: { code: 'stopped', message: 'Stopped by user' },
          messages_sent: 4,
          errors: 1,
        });
        // Already final: a second finisher loses and changes nothing.
        expect(await store.runs.finish(run.id, { status: 'failed', at: at(1, 4), stopped_by: 'x' })).toBe(
          false,
        );
        expect(await store.runs.get(run.id)).toMatchObject({ status: 'stopped', ended_at: at(1, 3) });
        expect(await store.runs.finish('no-such-run', { status: 'failed', at: at(1, 4) })).toBe(false);

        // Without counters the progress counters stay; stopped_by is set when none was recorded.
        const second = await makeRun(acc);
        await store.runs.markRunning(second.id, at(1, 5), 1, 'h');
        await store.runs.updateProgress(second.id, counters({ skipped: 7 }), {}, at(1, 6));
        expect(
          await store.runs.finish(second.id, { status: 'stopped', at: at(1, 7), stopped_by: 'api_key' }),
        ).toBe(true);
        expect(await store.runs.get(second.id)).toMatchObject({
          skipped: 7,
          stopped_by: 'api_key',
          error: null,
        });

        // Several finishers racing: exactly one wins.
        const third = await makeRun(acc);
        const results = await Promise.all(
          (['succeeded', 'failed', 'stopped', 'interrupted'] as const).map((status) =>
            store.runs.finish(third.id, { status, at: at(1, 8) }),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('list returns newest first, pages with a run-id cursor and filters', async () => {
        const acc = account();
        const specs = [
          { type: 'birthday', queued_at: at(3, 1), status: 'succeeded' as const },
          { type: 'visitor', queued_at: at(3, 2), status: 'failed' as const },
          { type: 'birthday', queued_at: at(3, 3), status: 'failed' as const },
          // Two runs queued at the same instant: the id breaks the tie.
          { type: 'birthday', queued_at: at(3, 4), status: 'succeeded' as const },
          { type: 'invitations', queued_at: at(3, 4), status: 'succeeded' as const },
          { type: 'birthday', queued_at: at(3, 5), status: 'stopped' as const },
        ];
        for (const s of specs)
          await makeRun(acc, { type: s.type, queued_at: s.queued_at }, { status: s.status });
        const active = await makeRun(acc, { queued_at: at(3, 6) });
        await makeRun(account(), { queued_at: at(3, 7) });

        const all = await store.runs.list({ account_id: acc, limit: 100 });
        expect(all).toHaveLength(7);
        expect(all[0]!.id).toBe(active.id);
        expect(all.every((r) => r.account_id === acc)).toBe(true);
        const keys = all.map((r) => `${r.queued_at}|${r.id}`);
        expect(keys).toEqual([...keys].sort().reverse());

        // Paging one by one visits every run exactly once, in the same order.
        const paged: string[] = [];
        let before: string | undefined;
        for (;;) {
          const page = await store.runs.list({ account_id: acc, limit: 2, ...(before ? { before } : {}) });
          if (page.length === 0) break;
          expect(page.length).toBeLessThanOrEqual(2);
          paged.push(...page.map((r) => r.id));
          before = page[page.length - 1]!.id;
        }
        expect(paged).toEqual(all.map((r) => r.id));

        const birthdays = await store.runs.list({ account_id: acc, limit: 100, type: 'birthday' });
        expect(birthdays).toHaveLength(5);
        expect(birthdays.every((r) => r.type === 'birthday')).toBe(true);
        const failed = await store.runs.list({ account_id: acc, limit: 100, status: 'failed' });
        expect(failed.map((r) => r.queued_at)).toEqual([at(3, 3), at(3, 2)]);
        const both = await store.runs.list({
          account_id: acc,
          limit: 100,
          type: 'birthday',
          status: 'failed',
        });
        expect(both.map((r) => r.queued_at)).toEqual([at(3, 3)]);
        const afterCursor = await store.runs.list({ account_id: acc, limit: 100, before: failed[0]!.id });
        expect(afterCursor.map((r) => r.queued_at)).toEqual([at(3, 2), at(3, 1)]);
        expect(await store.runs.list({ account_id: acc, limit: 1 })).toHaveLength(1);
        expect(await store.runs.list({ account_id: acc, limit: 10, before: 'no-such-run' })).toEqual([]);
        expect(await store.runs.list({ account_id: account(), limit: 10 })).toEqual([]);
      });

      it('latest returns the most recent run, or the most recent final one', async () => {
        const acc = account();
        expect(await store.runs.latest(acc)).toBeNull();
        expect(await store.runs.latest(acc, { finished: true })).toBeNull();
        const first = await makeRun(acc, { queued_at: at(4, 1) }, { status: 'failed' });
        const second = await makeRun(acc, { queued_at: at(4, 2) }, { status: 'succeeded' });
        const active = await makeRun(acc, { queued_at: at(4, 3) });
        expect((await store.runs.latest(acc))!.id).toBe(active.id);
        expect((await store.runs.latest(acc, { finished: true }))!.id).toBe(second.id);
        expect((await store.runs.latest(acc, { finished: false }))!.id).toBe(active.id);
        expect(first.status).toBe('failed');
      });

      it('listActive returns queued/running/stopping runs oldest first', async () => {
        const [a, b, c] = [account(), account(), account()];
        const rb = await makeRun(b, { queued_at: at(5, 2) });
        const ra = await makeRun(a, { queued_at: at(5, 1) });
        await store.runs.markRunning(ra.id, at(5, 3), 1, 'h');
        const rc = await makeRun(c, { queued_at: at(5, 3) });
        await store.runs.markStopping(rc.id, 'user:x');
        await makeRun(account(), { queued_at: at(5, 0) }, { status: 'succeeded' });

        const mine = (await store.runs.listActive()).filter((r) => [a, b, c].includes(r.account_id));
        expect(mine.map((r) => r.id)).toEqual([ra.id, rb.id, rc.id]);
        expect(mine.map((r) => r.status)).toEqual(['running', 'queued', 'stopping']);
        expect((await store.runs.listActive(b)).map((r) => r.id)).toEqual([rb.id]);
        expect(await store.runs.listActive(account())).toEqual([]);
        for (const r of mine) await store.runs.finish(r.id, { status: 'succeeded', at: at(5, 4) });
      });

      it('activity and totals use started_at, else queued_at, as the activity time', async () => {
        const acc = account();
        // Queued on day 9 but started on day 10: counts on day 10.
        await makeRun(
          acc,
          { queued_at: at(9, 23) },
          { startedAt: at(10, 1), counters: { messages_sent: 2, errors: 1 } },
        );
        // Never started (stopped while queued): counts at its queued_at.
        await makeRun(acc, { queued_at: at(10, 5) }, { status: 'stopped', counters: { skipped: 3 } });
        await makeRun(
          acc,
          { queued_at: at(11, 0) },
          {
            startedAt: at(11, 0),
            counters: { profiles_visited: 4, invitations_withdrawn: 6, messages_sent: 1 },
          },
        );
        await makeRun(
          acc,
          { queued_at: at(12, 0) },
          { startedAt: at(12, 1), counters: { messages_sent: 10 } },
        );
        await makeRun(
          account(),
          { queued_at: at(10, 2) },
          { startedAt: at(10, 2), counters: { messages_sent: 50 } },
        );

        const day10 = await store.runs.activity(acc, at(10), at(11));
        expect(day10).toEqual([
          { at: at(10, 1), ...counters({ messages_sent: 2, errors: 1 }) },
          { at: at(10, 5), ...counters({ skipped: 3 }) },
        ]);
        // [from, to): a run exactly at `to` is excluded, one exactly at `from` included.
        const range = await store.runs.activity(acc, at(11), at(12, 1));
        expect(range.map((r) => r.at)).toEqual([at(11, 0)]);
        expect(await store.runs.activity(acc, at(1), at(2))).toEqual([]);

        expect(await store.runs.totals(acc)).toEqual({
          runs: 4,
          ...counters({
            messages_sent: 13,
            errors: 1,
            skipped: 3,
            profiles_visited: 4,
            invitations_withdrawn: 6,
          }),
        });
        expect(await store.runs.totals(acc, at(11))).toEqual({
          runs: 2,
          ...counters({ messages_sent: 11, profiles_visited: 4, invitations_withdrawn: 6 }),
        });
        expect(await store.runs.totals(account())).toEqual({ runs: 0, ...zeroCounters() });
      });

      it('totalsByType sums each run type of a window, from its activity time', async () => {
        const acc = account();
        await makeRun(acc, { queued_at: at(9, 0) }, { startedAt: at(9, 1), counters: { messages_sent: 5 } });
        await makeRun(
          acc,
          { queued_at: at(10, 0) },
          { startedAt: at(10, 1), counters: { messages_sent: 2, skipped: 3, errors: 1 } },
        );
        await makeRun(
          acc,
          { queued_at: at(10, 2), type: 'visitor' },
          { startedAt: at(10, 3), counters: { profiles_visited: 7 } },
        );
        await makeRun(
          acc,
          { queued_at: at(8, 0), type: 'invitations' },
          { startedAt: at(8, 1), counters: { invitations_withdrawn: 4, errors: 2 } },
        );
        await makeRun(account(), { queued_at: at(10, 0) }, { counters: { messages_sent: 50 } });

        expect(await store.runs.totalsByType(acc)).toEqual([
          { type: 'birthday', runs: 2, ...counters({ messages_sent: 7, skipped: 3, errors: 1 }) },
          { type: 'invitations', runs: 1, ...counters({ invitations_withdrawn: 4, errors: 2 }) },
          { type: 'visitor', runs: 1, ...counters({ profiles_visited: 7 }) },
        ]);
        expect(await store.runs.totalsByType(acc, at(10))).toEqual([
          { type: 'birthday', runs: 1, ...counters({ messages_sent: 2, skipped: 3, errors: 1 }) },
          { type: 'visitor', runs: 1, ...counters({ profiles_visited: 7 }) },
        ]);
        expect(await store.runs.totalsByType(account())).toEqual([]);
      });

      it('exportPage pages through the runs of [from, to) by activity time, oldest first', async () => {
        const acc = account();
        const made: Run[] = [];
        for (const day of [12, 10, 11, 13, 14]) {
          made.push(await makeRun(acc, { queued_at: at(day, 0) }, { startedAt: at(day, 1) }));
        }
        await makeRun(account(), { queued_at: at(11, 0) }, { startedAt: at(11, 1) });
        const byDay = (day: number) => made.find((r) => r.started_at === at(day, 1))!.id;

        const first = await store.runs.exportPage({
          account_id: acc,
          from: at(10, 1),
          to: at(14, 1),
          limit: 2,
        });
        expect(first.map((r) => r.id)).toEqual([byDay(10), byDay(11)]);
        const last = first.at(-1)!;
        const second = await store.runs.exportPage({
          account_id: acc,
          from: at(10, 1),
          to: at(14, 1),
          after: { at: last.started_at!, id: last.id },
          limit: 2,
        });
        // [from, to): the run exactly at `to` (day 14) is left out.
        expect(second.map((r) => r.id)).toEqual([byDay(12), byDay(13)]);
        expect(second[0]).toEqual(await store.runs.get(byDay(12)));
        const all = await store.runs.exportPage({ account_id: acc, limit: 100 });
        expect(all.map((r) => r.id)).toEqual([10, 11, 12, 13, 14].map(byDay));
      });

      it('finishedByTypeAndStatus counts final runs by type and status with their counters (metrics)', async () => {
        // Every account's runs count: measured as a difference from what earlier tests left.
        const type = `t_${seq}`;
        const rows = async () => (await store.runs.finishedByTypeAndStatus()).filter((r) => r.type === type);
        expect(await rows()).toEqual([]);
        await makeRun(account(), { type }, { counters: { messages_sent: 2 } });
        await makeRun(account(), { type }, { counters: { messages_sent: 3, errors: 1 } });
        await makeRun(account(), { type }, { status: 'stopped', counters: { skipped: 4 } });
        await makeRun(account(), { type }); // active: not counted
        expect(await rows()).toEqual([
          { type, status: 'stopped', runs: 1, ...counters({ skipped: 4 }) },
          { type, status: 'succeeded', runs: 2, ...counters({ messages_sent: 5, errors: 1 }) },
        ]);
      });

      it('firstActiveAt is the activity time of the first real run that did something', async () => {
        const acc = account();
        expect(await store.runs.firstActiveAt(acc)).toBeNull();
        // A dry run and a run that only skipped do not count.
        await makeRun(
          acc,
          { queued_at: at(3, 0), dry_run: true },
          { startedAt: at(3, 1), counters: { messages_sent: 4 } },
        );
        await makeRun(acc, { queued_at: at(4, 0) }, { startedAt: at(4, 1), counters: { skipped: 9 } });
        expect(await store.runs.firstActiveAt(acc)).toBeNull();
        await makeRun(
          acc,
          { queued_at: at(6, 0) },
          { startedAt: at(6, 2), counters: { invitations_withdrawn: 1 } },
        );
        await makeRun(
          acc,
          { queued_at: at(5, 0) },
          { startedAt: at(5, 3), counters: { profiles_visited: 2 } },
        );
        await makeRun(acc, { queued_at: at(7, 0) }, { startedAt: at(7, 1), counters: { messages_sent: 1 } });
        expect(await store.runs.firstActiveAt(acc)).toBe(at(5, 3));
        expect(await store.runs.firstActiveAt(account())).toBeNull();
      });

      it('hasScheduledRun finds a scheduled run for a date unless it was interrupted', async () => {
        const acc = account();
        expect(await store.runs.hasScheduledRun(acc, '2025-03-20')).toBe(false);
        await makeRun(acc, { trigger: 'schedule', schedule_date: '2025-03-20' }, { status: 'failed' });
        expect(await store.runs.hasScheduledRun(acc, '2025-03-20')).toBe(true);
        expect(await store.runs.hasScheduledRun(acc, '2025-03-21')).toBe(false);
        expect(await store.runs.hasScheduledRun(account(), '2025-03-20')).toBe(false);

        await makeRun(acc, { trigger: 'schedule', schedule_date: '2025-03-22' }, { status: 'interrupted' });
        expect(await store.runs.hasScheduledRun(acc, '2025-03-22')).toBe(false);
        const active = await makeRun(acc, { trigger: 'schedule', schedule_date: '2025-03-22' });
        expect(await store.runs.hasScheduledRun(acc, '2025-03-22')).toBe(true);
        await store.runs.finish(active.id, { status: 'succeeded', at: at(22) });
      });
    });

    describe('outcomes', () => {
      it('adds outcomes and lists them per run in insertion order', async () => {
        const acc = account();
        const run = await makeRun(acc);
        const other = await makeRun(account());
        const first = await store.outcomes.add({
          run_id: run.id,
          account_id: acc,
          ts: at(1, 1),
          contact_name: 'Ada Lovelace',
          profile_url: 'https://www.linkedin.com/in/ada/',
          status: 'sent',
        });
        expect(first).toEqual({
          id: expect.any(Number),
          run_id: run.id,
          account_id: acc,
          ts: at(1, 1),
          contact_name: 'Ada Lovelace',
          profile_url: 'https://www.linkedin.com/in/ada/',
          status: 'sent',
          reason: null,
          error_code: null,
          screenshot: null,
        });
        const second = await store.outcomes.add({
          run_id: run.id,
          account_id: acc,
          ts: at(1, 2),
          status: 'error',
          reason: 'Send button missing',
          error_code: 'selector_not_found',
          screenshot: 'shots/1.png',
        });
        await store.outcomes.add({
          run_id: other.id,
          account_id: other.account_id,
          ts: at(1, 3),
          status: 'skipped',
        });
        expect(second.id).toBeGreaterThan(first.id);
        expect(await store.outcomes.listForRun(run.id)).toEqual([first, second]);
        expect(await store.outcomes.listForRun('no-such-run')).toEqual([]);
      });

      it('tallies a run: outcomes by status, error outcomes by code, most frequent first', async () => {
        const acc = account();
        const run = await makeRun(acc);
        const other = await makeRun(account());
        expect(await store.outcomes.tally(run.id)).toEqual({
          by_status: { sent: 0, skipped: 0, error: 0, visited: 0, withdrawn: 0, interrupted: 0 },
          errors: [],
        });
        const add = (status: OutcomeStatus, error_code?: string, reason?: string, runId = run.id) =>
          store.outcomes.add({ run_id: runId, account_id: acc, ts: at(1, 1), status, error_code, reason });
        await add('sent');
        await add('skipped');
        await add('error', 'timeout', 'Timed out');
        await add('error', 'element_not_found', 'Message button of Ada not found');
        await add('error', 'element_not_found', 'Message button of Bob not found');
        await add('error', undefined, 'no code');
        await add('error', 'timeout', 'Timed out again');
        await add('error', 'element_not_found', 'Message button of Cy not found');
        await add('error', 'element_not_found', 'elsewhere', other.id);
        expect(await store.outcomes.tally(run.id)).toEqual({
          by_status: { sent: 1, skipped: 1, error: 6, visited: 0, withdrawn: 0, interrupted: 0 },
          errors: [
            { code: 'element_not_found', count: 3, example: 'Message button of Cy not found' },
            { code: 'timeout', count: 2, example: 'Timed out again' },
            { code: null, count: 1, example: 'no code' },
          ],
        });
      });

      it('exportPage pages through the outcomes of [from, to) with their run type, by id', async () => {
        const acc = account();
        const run = await makeRun(acc, { type: 'visitor', dry_run: true });
        const add = (hour: number, name: string) =>
          store.outcomes.add({
            run_id: run.id,
            account_id: acc,
            ts: at(3, hour),
            contact_name: name,
            status: 'visited',
          });
        const early = await add(1, 'early');
        const a = await add(2, '=HYPERLINK("x")');
        const b = await add(3, 'Zoë, "the" one');
        const c = await add(4, 'c');
        const other = await makeRun(account());
        await store.outcomes.add({
          run_id: other.id,
          account_id: other.account_id,
          ts: at(3, 2),
          status: 'sent',
        });

        const page1 = await store.outcomes.exportPage({
          account_id: acc,
          from: at(3, 2),
          to: at(3, 4),
          limit: 1,
        });
        expect(page1).toEqual([{ ...a, run_type: 'visitor', dry_run: true }]);
        const page2 = await store.outcomes.exportPage({
          account_id: acc,
          from: at(3, 2),
          to: at(3, 4),
          after: page1[0]!.id,
          limit: 10,
        });
        expect(page2).toEqual([{ ...b, run_type: 'visitor', dry_run: true }]);
        const all = await store.outcomes.exportPage({ account_id: acc, limit: 10 });
        expect(all.map((o) => o.id)).toEqual([early.id, a.id, b.id, c.id]);
      });

      it('refuses an outcome for an unknown run (foreign keys are enforced)', async () => {
        await expect(
          store.outcomes.add({ run_id: 'no-such-run', account_id: account(), ts: at(1), status: 'sent' }),
        ).rejects.toThrow();
      });
    });

    describe('logs', () => {
      const line = (accountId: string, i: number, extra: Partial<NewLogLine> = {}): NewLogLine => ({
        account_id: accountId,
        ts: at(6, 0, i),
        level: 'info',
        run_id: null,
        message: `line ${i}`,
        code: null,
        params: null,
        ...extra,
      });

      it('appends in order and returns ids', async () => {
        const acc = account();
        expect(await store.logs.append([])).toEqual([]);
        const input = [line(acc, 1), line(acc, 2, { level: 'warn', run_id: 'r1' }), line(acc, 3)];
        const stored = await store.logs.append(input);
        expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual(input);
        expect(stored.every((l) => typeof l.id === 'number')).toBe(true);
        expect(stored.map((l) => l.id)).toEqual([...stored.map((l) => l.id)].sort((a, b) => a - b));
        const more = await store.logs.append([line(acc, 4)]);
        expect(more[0]!.id).toBeGreaterThan(stored[2]!.id);

        // Large batches keep their order too.
        const big = Array.from({ length: 1200 }, (_, i) => line(acc, 10, { message: `bulk ${i}` }));
        const bigStored = await store.logs.append(big);
        expect(bigStored.map((l) => l.message)).toEqual(big.map((l) => l.message));
        for (let i = 1; i < bigStored.length; i++)
          expect(bigStored[i]!.id).toBeGreaterThan(bigStored[i - 1]!.id);
      });

      it('lists newest first with cursor and filters', async () => {
        const acc = account();
        const stored = await store.logs.append([
          line(acc, 1, { level: 'debug' }),
          line(acc, 2, { level: 'info', run_id: 'run-a' }),
          line(acc, 3, { level: 'warn', run_id: 'run-a' }),
          line(acc, 4, { level: 'error', run_id: 'run-b' }),
          line(acc, 5, { level: 'info' }),
        ]);
        await store.logs.append([line(account(), 6)]);
        const ids = stored.map((l) => l.id);

        const all = await store.logs.list({ account_id: acc, limit: 100 });
        expect(all.map((l) => l.id)).toEqual([...ids].reverse());
        expect(all[0]).toEqual(stored[4]);
        expect((await store.logs.list({ account_id: acc, limit: 2 })).map((l) => l.id)).toEqual([
          ids[4],
          ids[3],
        ]);
        expect(
          (await store.logs.list({ account_id: acc, limit: 2, before: ids[3] })).map((l) => l.id),
        ).toEqual([ids[2], ids[1]]);
        expect(
          (await store.logs.list({ account_id: acc, limit: 10, level: 'info' })).map((l) => l.id),
        ).toEqual([ids[4], ids[1]]);
        expect(
          (await store.logs.list({ account_id: acc, limit: 10, run_id: 'run-a' })).map((l) => l.id),
        ).toEqual([ids[2], ids[1]]);
        expect(
          (await store.logs.list({ account_id: acc, limit: 10, run_id: 'run-a', level: 'warn' })).map(
            (l) => l.id,
          ),
        ).toEqual([ids[2]]);
        expect(await store.logs.list({ account_id: acc, limit: 10, before: ids[0] })).toEqual([]);
      });

      it("keeps a line's code and parameters beside its text; older lines have neither", async () => {
        const acc = account();
        const params = { name: 'Zoë "Z" O\'Brien', days_late: 2, dry_run: false, headline: null };
        const [coded, plain] = await store.logs.append([
          line(acc, 1, { code: 'birthday.wished', params }),
          line(acc, 2),
        ]);
        expect(coded).toMatchObject({ code: 'birthday.wished', params });
        expect(plain).toMatchObject({ code: null, params: null });
        const listed = await store.logs.list({ account_id: acc, limit: 10 });
        expect(listed.map((l) => [l.code, l.params])).toEqual([
          [null, null],
          ['birthday.wished', params],
        ]);
      });

      it('lists a level and above with min_level', async () => {
        const acc = account();
        const stored = await store.logs.append([
          line(acc, 1, { level: 'debug' }),
          line(acc, 2, { level: 'info' }),
          line(acc, 3, { level: 'warn' }),
          line(acc, 4, { level: 'error' }),
          line(acc, 5, { level: 'debug' }),
        ]);
        const ids = stored.map((l) => l.id);
        const from = async (min_level: LogLevel) =>
          (await store.logs.list({ account_id: acc, limit: 10, min_level })).map((l) => l.id);
        expect(await from('debug')).toEqual([...ids].reverse());
        expect(await from('info')).toEqual([ids[3], ids[2], ids[1]]);
        expect(await from('warn')).toEqual([ids[3], ids[2]]);
        expect(await from('error')).toEqual([ids[3]]);
      });

      it("finds a run's lines by the start of its id, with no wildcard in it", async () => {
        const acc = account();
        const a = '1a2b3c4d-0000-4000-8000-000000000001';
        const b = '1a2b3c4e-0000-4000-8000-000000000002';
        const stored = await store.logs.append([
          line(acc, 1, { run_id: a }),
          line(acc, 2, { run_id: b }),
          line(acc, 3, { run_id: a }),
          line(acc, 4),
          // Would match a LIKE '1a2b3c4_%' or a collation that ignores dashes.
          line(acc, 5, { run_id: '1a2b3c4_' }),
          line(acc, 6, { run_id: '1a2b3c4d0000' }),
        ]);
        const ids = stored.map((l) => l.id);
        const prefixed = async (run_id_prefix: string) =>
          (await store.logs.list({ account_id: acc, limit: 10, run_id_prefix })).map((l) => l.id);
        expect(await prefixed('1a2b3c4d')).toEqual([ids[5], ids[2], ids[0]]);
        expect(await prefixed('1a2b3c4d-')).toEqual([ids[2], ids[0]]);
        expect(await prefixed(a)).toEqual([ids[2], ids[0]]);
        expect(await prefixed('1a2b3c4')).toEqual([ids[5], ids[4], ids[2], ids[1], ids[0]]);
        expect(await prefixed('1a2b3c4%')).toEqual([]);
        expect(await prefixed('1a2b3c4_')).toEqual([ids[4]]);
        expect(
          await store.logs.list({ account_id: account(), limit: 10, run_id_prefix: '1a2b3c4d' }),
        ).toEqual([]);
      });

      it('deletes lines older than a timestamp (retention)', async () => {
        const acc = account();
        const old = `2000-01-0`;
        await store.logs.append([
          line(acc, 1, { ts: `${old}1T00:00:00.000Z` }),
          line(acc, 2, { ts: `${old}2T00:00:00.000Z` }),
          line(acc, 3, { ts: `${old}3T00:00:00.000Z` }),
        ]);
        expect(await store.logs.deleteOlderThan(`${old}3T00:00:00.000Z`)).toBe(2);
        const left = await store.logs.list({ account_id: acc, limit: 10 });
        expect(left.map((l) => l.ts)).toEqual([`${old}3T00:00:00.000Z`]);
        expect(await store.logs.deleteOlderThan('1999-01-01T00:00:00.000Z')).toBe(0);
      });
    });

    describe('audit', () => {
      it('appends entries and lists them newest first with cursor and action filter', async () => {
        const acc = account();
        const stop = await store.audit.append({
          account_id: acc,
          ts: at(7, 1),
          actor_type: 'user',
          actor_id: 'alice',
          action: 'run.stop',
          target: 'run-1',
          details: { runs: ['run-1', 'run-2'], reason: { why: 'manual' } },
        });
        expect(stop).toEqual({
          id: expect.any(Number),
          account_id: acc,
          ts: at(7, 1),
          actor_type: 'user',
          actor_id: 'alice',
          action: 'run.stop',
          target: 'run-1',
          details: { runs: ['run-1', 'run-2'], reason: { why: 'manual' } },
        });
        const settings = await store.audit.append({
          account_id: acc,
          ts: at(7, 2),
          actor_type: 'api_key',
          actor_id: 'api_key',
          action: 'settings.update',
          target: null,
          details: null,
        });
        expect(settings.details).toBeNull();
        const third = await store.audit.append({
          ...settings,
          ts: at(7, 3),
          action: 'run.stop',
          target: 'run-3',
        });
        await store.audit.append({ ...settings, account_id: account() });

        const all = await store.audit.list({ account_id: acc, limit: 10 });
        expect(all).toEqual([third, settings, stop]);
        expect(await store.audit.list({ account_id: acc, limit: 1 })).toEqual([third]);
        expect(await store.audit.list({ account_id: acc, limit: 10, before: third.id })).toEqual([
          settings,
          stop,
        ]);
        expect(await store.audit.list({ account_id: acc, limit: 10, action: 'run.stop' })).toEqual([
          third,
          stop,
        ]);
        expect(
          await store.audit.list({ account_id: acc, limit: 10, action: 'run.stop', before: third.id }),
        ).toEqual([stop]);
      });
    });

    describe('settings', () => {
      it('round-trips JSON values per account and key', async () => {
        const acc = account();
        expect(await store.settings.get(acc, 'settings')).toBeNull();
        const value = { dry_run: true, limits: { daily: 15 }, list: ['a', 1, null], tz: 'Europe/Paris' };
        await store.settings.set(acc, 'settings', value, at(8));
        expect(await store.settings.get(acc, 'settings')).toEqual(value);
        await store.settings.set(acc, 'settings', { dry_run: false }, at(8, 1));
        expect(await store.settings.get(acc, 'settings')).toEqual({ dry_run: false });
        for (const scalar of [42, 'text', true, false, [1, 2]]) {
          await store.settings.set(acc, 'scalar', scalar, at(8, 2));
          expect(await store.settings.get(acc, 'scalar')).toEqual(scalar);
        }
        expect(await store.settings.get(account(), 'settings')).toBeNull();
        expect(await store.settings.get(acc, 'other')).toBeNull();
      });
    });

    describe('transactions (a write and its audit entry)', () => {
      const entry = (acc: string, action: string) => ({
        account_id: acc,
        ts: at(9),
        actor_type: 'user' as const,
        actor_id: 'admin',
        action,
        target: 'settings',
        details: { changed: ['dry_run'] },
      });

      it('commits the write and its audit entry together', async () => {
        const acc = account();
        const result = await store.transaction(async (tx) => {
          await tx.settings.set(acc, 'settings', { dry_run: true }, at(9));
          await tx.audit.append(entry(acc, 'settings.update'));
          // A nested transaction joins the outer one; logs (batched in a transaction) too.
          await tx.transaction((inner) => inner.settings.set(acc, 'other', 1, at(9)));
          await tx.logs.append([
            {
              account_id: acc,
              ts: at(9),
              level: 'info',
              run_id: null,
              message: 'm',
              code: null,
              params: null,
            },
          ]);
          return 'done';
        });
        expect(result).toBe('done');
        expect(await store.settings.get(acc, 'settings')).toEqual({ dry_run: true });
        expect(await store.settings.get(acc, 'other')).toBe(1);
        expect((await store.audit.list({ account_id: acc, limit: 10 })).map((e) => e.action)).toEqual([
          'settings.update',
        ]);
      });

      it('answers a taken run slot with null inside transactions too (no aborted transaction)', async () => {
        const acc = account();
        const results = await Promise.all(
          Array.from({ length: 4 }, () => store.transaction((tx) => tx.runs.createIfIdle(newRun(acc)))),
        );
        expect(results.filter((r) => r !== null)).toHaveLength(1);
        expect(await store.runs.listActive(acc)).toHaveLength(1);
      });

      it('rolls the write back when its audit entry cannot be inserted', async () => {
        const acc = account();
        await store.settings.set(acc, 'settings', { dry_run: false }, at(8));
        const failing = store.transaction(async (tx) => {
          await tx.settings.set(acc, 'settings', { dry_run: true }, at(9));
          await tx.blacklist.add({
            account_id: acc,
            name: 'X',
            profile_url: null,
            reason: null,
            created_at: at(9),
          });
          // NOT NULL refuses the entry: the database itself fails the insert.
          await tx.audit.append({ ...entry(acc, 'settings.update'), action: null as unknown as string });
        });
        await expect(failing).rejects.toThrow();
        expect(await store.settings.get(acc, 'settings')).toEqual({ dry_run: false });
        expect(await store.blacklist.list(acc)).toEqual([]);
        expect(await store.audit.list({ account_id: acc, limit: 10 })).toEqual([]);
        // The store works on after the rollback.
        await store.settings.set(acc, 'settings', { dry_run: true }, at(10));
        expect(await store.settings.get(acc, 'settings')).toEqual({ dry_run: true });
      });
    });

    describe('users and auth sessions', () => {
      const user = (suffix: string) => ({
        id: `user-${suffix}`,
        account_id: 'default',
        username: `name-${suffix}`,
        password_hash: '$argon2id$hash',
        created_at: at(1),
        updated_at: at(1),
      });

      it('creates, counts, finds users and changes passwords', async () => {
        const before = await store.users.count();
        const suffix = account('u');
        const created = await store.users.create(user(suffix));
        expect(created).toEqual(user(suffix));
        expect(await store.users.count()).toBe(before + 1);
        expect(await store.users.get(created.id)).toEqual(created);
        expect(await store.users.findByUsername(created.username)).toEqual(created);
        expect(await store.users.get('no-such-user')).toBeNull();
        expect(await store.users.findByUsername('no-such-user')).toBeNull();

        expect(await store.users.setPasswordHash(created.username, '$new', at(2))).toBe(true);
        expect(await store.users.get(created.id)).toMatchObject({ password_hash: '$new', updated_at: at(2) });
        expect(await store.users.setPasswordHash('no-such-user', '$new', at(2))).toBe(false);

        // Usernames are unique.
        await expect(
          store.users.create({ ...user(account('u')), username: created.username }),
        ).rejects.toThrow();
      });

      it('stores sessions, honours expiry and deletes them', async () => {
        const alice = await store.users.create(user(account('u')));
        const bob = await store.users.create(user(account('u')));
        const session = (token: string, userId: string, expires: string) => ({
          token_hash: `${token}-${alice.id}`,
          user_id: userId,
          created_at: at(1),
          expires_at: expires,
        });
        const s1 = session('s1', alice.id, at(10));
        const s2 = session('s2', alice.id, at(20));
        const s3 = session('s3', bob.id, at(20));
        const expired = session('s4', bob.id, at(2));
        for (const s of [s1, s2, s3, expired]) await store.authSessions.create(s);

        expect(await store.authSessions.get(s1.token_hash, at(9))).toEqual(s1);
        expect(await store.authSessions.get(s1.token_hash, at(10))).toBeNull();
        expect(await store.authSessions.get('no-such-token', at(1))).toBeNull();

        await store.authSessions.delete(s2.token_hash);
        expect(await store.authSessions.get(s2.token_hash, at(1))).toBeNull();

        expect(await store.authSessions.deleteExpired(at(5))).toBe(1);
        expect(await store.authSessions.get(expired.token_hash, at(1))).toBeNull();
        expect(await store.authSessions.get(s1.token_hash, at(1))).toEqual(s1);

        await store.authSessions.deleteForUser(alice.id);
        expect(await store.authSessions.get(s1.token_hash, at(1))).toBeNull();
        expect(await store.authSessions.get(s3.token_hash, at(1))).toEqual(s3);
      });

      it('records a notice acknowledgement once per user and notice, keeping the first time', async () => {
        const alice = await store.users.create(user(account('u')));
        const bob = await store.users.create(user(account('u')));
        expect(await store.noticeAcknowledgements.acknowledgedAt(alice.id, 'linkedin_risk')).toBeNull();

        expect(await store.noticeAcknowledgements.acknowledge(alice.id, 'linkedin_risk', at(3))).toBe(at(3));
        expect(await store.noticeAcknowledgements.acknowledge(alice.id, 'linkedin_risk', at(4))).toBe(at(3));
        expect(await store.noticeAcknowledgements.acknowledgedAt(alice.id, 'linkedin_risk')).toBe(at(3));
        // Another notice, another user: their own.
        expect(await store.noticeAcknowledgements.acknowledgedAt(alice.id, 'other_notice')).toBeNull();
        expect(await store.noticeAcknowledgements.acknowledgedAt(bob.id, 'linkedin_risk')).toBeNull();
        // Only users that exist acknowledge (foreign key).
        await expect(
          store.noticeAcknowledgements.acknowledge('no-such-user', 'linkedin_risk', at(3)),
        ).rejects.toThrow();
      });
    });

    describe('templates', () => {
      it('is null until stored, then replaced as a whole, one set per language', async () => {
        const acc = account();
        expect(await store.templates.get(acc, 'fr')).toBeNull();
        expect(await store.templates.list(acc)).toEqual({});
        const set = {
          today: ['Joyeux anniversaire {first_name} !', 'Bon anniversaire {name}'],
          late: ['Avec du retard !'],
        };
        expect(await store.templates.replace(acc, 'fr', set, at(1))).toEqual(set);
        expect(await store.templates.get(acc, 'fr')).toEqual(set);
        expect(await store.templates.get(acc, 'en')).toBeNull();
        expect(await store.templates.replace(acc, 'fr', { today: ['Seul'], late: [] }, at(2))).toEqual({
          today: ['Seul'],
          late: [],
        });
        expect(await store.templates.get(acc, 'fr')).toEqual({ today: ['Seul'], late: [] });
        // Stored empty lists are not "never stored".
        await store.templates.replace(acc, 'fr', { today: [], late: [] }, at(3));
        expect(await store.templates.get(acc, 'fr')).toEqual({ today: [], late: [] });
        expect(await store.templates.get(account(), 'fr')).toBeNull();
      });

      it("keeps each language's set apart", async () => {
        const acc = account();
        const fr = { today: ['Joyeux anniversaire {first_name} !'], late: ['Avec retard !'] };
        const en = { today: ['Happy birthday {first_name}!'], late: ['Belated!'] };
        await store.templates.replace(acc, 'fr', fr, at(1));
        await store.templates.replace(acc, 'en', en, at(2));
        expect(await store.templates.get(acc, 'fr')).toEqual(fr);
        expect(await store.templates.get(acc, 'en')).toEqual(en);
        expect(await store.templates.list(acc)).toEqual({ fr, en });
        await store.templates.replace(acc, 'en', { today: ['Hi {name}'], late: ['Late'] }, at(3));
        expect(await store.templates.get(acc, 'fr')).toEqual(fr);
        expect(await store.templates.list(account())).toEqual({});
      });
    });

    describe('blacklist', () => {
      it('adds, lists and removes entries within an account', async () => {
        const acc = account();
        const other = account();
        expect(await store.blacklist.list(acc)).toEqual([]);
        const a = await store.blacklist.add({
          account_id: acc,
          name: 'Boss',
          profile_url: 'https://www.linkedin.com/in/boss/',
          reason: 'awkward',
          created_at: at(1),
        });
        expect(a).toEqual({
          id: expect.any(Number),
          account_id: acc,
          name: 'Boss',
          profile_url: 'https://www.linkedin.com/in/boss/',
          reason: 'awkward',
          created_at: at(1),
        });
        const b = await store.blacklist.add({
          account_id: acc,
          name: null,
          profile_url: 'u',
          reason: null,
          created_at: at(2),
        });
        await store.blacklist.add({
          account_id: other,
          name: 'x',
          profile_url: null,
          reason: null,
          created_at: at(3),
        });
        expect(await store.blacklist.list(acc)).toEqual([a, b]);

        expect(await store.blacklist.remove(other, a.id)).toBe(false);
        expect(await store.blacklist.list(acc)).toEqual([a, b]);
        expect(await store.blacklist.remove(acc, a.id)).toBe(true);
        expect(await store.blacklist.remove(acc, a.id)).toBe(false);
        expect(await store.blacklist.list(acc)).toEqual([b]);
        expect(await store.blacklist.list(other)).toHaveLength(1);
      });
    });

    describe('blacklist uniqueness', () => {
      const entry = (acc: string, name: string | null, profile_url: string | null) => ({
        account_id: acc,
        name,
        profile_url,
        reason: null,
        created_at: at(1),
      });

      it('keeps one entry per profile URL, else per name, case aside: 409 with the first one’s id', async () => {
        const acc = account();
        const url = await store.blacklist.add(entry(acc, 'Ada', 'https://www.linkedin.com/in/ada'));
        const name = await store.blacklist.add(entry(acc, 'Bob Stone', null));
        await expect(
          store.blacklist.add(entry(acc, null, 'https://www.linkedin.com/in/ADA')),
        ).rejects.toMatchObject({ statusCode: 409, code: 'already_blacklisted', details: { id: url.id } });
        await expect(store.blacklist.add(entry(acc, 'bob stone', null))).rejects.toMatchObject({
          code: 'already_blacklisted',
          details: { id: name.id },
        });
        // A name beside a URL is not the same key as the bare name; another account is apart.
        await store.blacklist.add(entry(acc, 'Bob Stone', 'https://www.linkedin.com/in/bob'));
        await store.blacklist.add(entry(account(), 'Bob Stone', null));
        expect(await store.blacklist.list(acc)).toHaveLength(3);
      });

      it('lets exactly one of concurrent adds of a person in, even inside transactions', async () => {
        const acc = account();
        const results = await Promise.allSettled(
          Array.from({ length: 6 }, (_, i) =>
            i % 2 === 0
              ? store.blacklist.add(entry(acc, null, 'https://www.linkedin.com/in/race'))
              : store.transaction((tx) =>
                  tx.blacklist.add(entry(acc, null, 'https://www.linkedin.com/in/race')),
                ),
          ),
        );
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        for (const r of results.filter((r) => r.status === 'rejected')) {
          expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'already_blacklisted' });
        }
        expect(await store.blacklist.list(acc)).toHaveLength(1);
      });
    });

    describe('linkedin sessions', () => {
      it('puts, updates status, replaces and deletes the stored session', async () => {
        const acc = account();
        expect(await store.linkedinSessions.get(acc)).toBeNull();
        await store.linkedinSessions.setStatus(acc, 'valid', at(1));
        expect(await store.linkedinSessions.get(acc)).toBeNull();

        const session = {
          account_id: acc,
          encrypted: 'v1.aaa.bbb.ccc',
          status: 'unchecked' as const,
          checked_at: null,
          updated_at: at(1),
          user_agent: null,
        };
        await store.linkedinSessions.put(session);
        expect(await store.linkedinSessions.get(acc)).toEqual(session);
        await store.linkedinSessions.setStatus(acc, 'expired', at(2));
        expect(await store.linkedinSessions.get(acc)).toEqual({
          ...session,
          status: 'expired',
          checked_at: at(2),
        });

        const replaced = {
          ...session,
          encrypted: 'v1.new',
          status: 'valid' as const,
          checked_at: at(3),
          updated_at: at(3),
        };
        await store.linkedinSessions.put(replaced);
        expect(await store.linkedinSessions.get(acc)).toEqual(replaced);
        expect(await store.linkedinSessions.get(account())).toBeNull();

        expect(await store.linkedinSessions.delete(acc)).toBe(true);
        expect(await store.linkedinSessions.get(acc)).toBeNull();
        expect(await store.linkedinSessions.delete(acc)).toBe(false);
      });

      it('keeps the user agent of the session, replaced with the cookies and untouched by a check', async () => {
        const acc = account();
        const ua =
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
        const base = { account_id: acc, status: 'unchecked' as const, checked_at: null, updated_at: at(1) };
        await store.linkedinSessions.put({ ...base, encrypted: 'v1.a', user_agent: ua });
        expect((await store.linkedinSessions.get(acc))?.user_agent).toBe(ua);
        await store.linkedinSessions.setStatus(acc, 'valid', at(2));
        expect(await store.linkedinSessions.get(acc)).toMatchObject({ status: 'valid', user_agent: ua });
        // New cookies without a user agent: the old one described another browser.
        await store.linkedinSessions.put({ ...base, encrypted: 'v1.b', updated_at: at(3) });
        expect(await store.linkedinSessions.get(acc)).toEqual({
          ...base,
          encrypted: 'v1.b',
          updated_at: at(3),
          user_agent: null,
        });
        const long = `${ua} ${'x'.repeat(511 - ua.length)}`;
        await store.linkedinSessions.put({ ...base, encrypted: 'v1.c', user_agent: long });
        expect((await store.linkedinSessions.get(acc))?.user_agent).toBe(long);
      });

      it('keeps one browser identity per session: made once, kept when the cookies change, gone with the session', async () => {
        const acc = account();
        const sessions = store.linkedinSessions;
        // No session, no identity to keep.
        expect(await sessions.replaceBrowserIdentity(acc, '{"v":1}', null)).toBe(false);
        expect(await sessions.getBrowserIdentity(acc)).toBeNull();

        const base = { account_id: acc, status: 'unchecked' as const, checked_at: null, updated_at: at(1) };
        await sessions.put({ ...base, encrypted: 'v1.a' });
        expect(await sessions.getBrowserIdentity(acc)).toBeNull();
        expect(await sessions.replaceBrowserIdentity(acc, '{"n":1}', null)).toBe(true);
        // A second browser starting at the same time finds it made and keeps the first.
        expect(await sessions.replaceBrowserIdentity(acc, '{"n":2}', null)).toBe(false);
        expect(await sessions.getBrowserIdentity(acc)).toBe('{"n":1}');
        // The session's own view does not carry it.
        expect(Object.keys((await sessions.get(acc))!)).not.toContain('browser_identity');

        await sessions.put({ ...base, encrypted: 'v1.b', updated_at: at(2) });
        await sessions.setStatus(acc, 'valid', at(3));
        expect(await sessions.getBrowserIdentity(acc)).toBe('{"n":1}');
        expect(await sessions.replaceBrowserIdentity(acc, '{"n":3}', '{"n":2}')).toBe(false);
        expect(await sessions.replaceBrowserIdentity(acc, '{"n":3}', '{"n":1}')).toBe(true);
        expect(await sessions.getBrowserIdentity(acc)).toBe('{"n":3}');
        expect(await sessions.getBrowserIdentity(account())).toBeNull();

        await sessions.delete(acc);
        expect(await sessions.getBrowserIdentity(acc)).toBeNull();
        await sessions.put({ ...base, encrypted: 'v1.c' });
        expect(await sessions.getBrowserIdentity(acc)).toBeNull();
      });

      it('stores a run’s refreshed state only over the session the run started from', async () => {
        const acc = account();
        const sessions = store.linkedinSessions;
        expect(await sessions.refresh(acc, 'v1.run', 'v1.user')).toBe(false);
        expect(await sessions.get(acc)).toBeNull();

        const stored = {
          account_id: acc,
          encrypted: 'v1.user',
          status: 'valid' as const,
          checked_at: at(2),
          updated_at: at(1),
          user_agent: 'Mozilla/5.0 (test)',
        };
        await sessions.put(stored);
        await sessions.put({ ...stored, account_id: account() });
        // A state of some kilobytes, as a real one is.
        const refreshed = `v1.${'r'.repeat(20_000)}`;
        expect(await sessions.refresh(acc, refreshed, 'v1.user')).toBe(true);
        expect(await sessions.get(acc)).toEqual({ ...stored, encrypted: refreshed });
        // The next run starts from the refreshed state.
        expect(await sessions.refresh(acc, 'v1.run2', 'v1.user')).toBe(false);
        expect(await sessions.refresh(acc, 'v1.run2', refreshed)).toBe(true);

        // The user replaces the session during a run: the run's write-back is a no-op.
        await sessions.put({ ...stored, encrypted: 'v1.user2', updated_at: at(3) });
        expect(await sessions.refresh(acc, 'v1.run3', 'v1.run2')).toBe(false);
        expect((await sessions.get(acc))?.encrypted).toBe('v1.user2');

        // Two write-backs from the same start: one wins, whole.
        const results = await Promise.all([
          sessions.refresh(acc, 'v1.a', 'v1.user2'),
          sessions.refresh(acc, 'v1.b', 'v1.user2'),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await sessions.get(acc))?.encrypted).toBe(results[0] ? 'v1.a' : 'v1.b');

        await sessions.delete(acc);
        expect(await sessions.refresh(acc, 'v1.c', results[0] ? 'v1.a' : 'v1.b')).toBe(false);
        expect(await sessions.get(acc)).toBeNull();
      });
    });

    describe('account pauses', () => {
      const pause = (accountId: string, over: Partial<AccountPause> = {}): AccountPause => ({
        account_id: accountId,
        reason: 'rate_limited',
        run_id: 'run-1',
        since: at(5, 9),
        ...over,
      });

      it('pauses an account once: a later pause keeps the first one, until a resume', async () => {
        const acc = account();
        expect(await store.accountPauses.get(acc)).toBeNull();
        const first = pause(acc, { reason: 'checkpoint' });
        expect(await store.accountPauses.pauseUnlessPaused(first)).toEqual({ pause: first, created: true });
        expect(await store.accountPauses.get(acc)).toEqual(first);

        const second = pause(acc, { reason: 'captcha', run_id: 'run-2', since: at(5, 10) });
        expect(await store.accountPauses.pauseUnlessPaused(second)).toEqual({ pause: first, created: false });
        expect(await store.accountPauses.get(acc)).toEqual(first);
        // Another account is not paused by it.
        expect(await store.accountPauses.get(account())).toBeNull();

        expect(await store.accountPauses.resume(acc, first.since)).toEqual(first);
        expect(await store.accountPauses.get(acc)).toBeNull();
        expect(await store.accountPauses.resume(acc, first.since)).toBeNull();
        expect(await store.accountPauses.pauseUnlessPaused(second)).toEqual({ pause: second, created: true });
      });

      it('records exactly one of many concurrent pauses of an account', async () => {
        const acc = account();
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.accountPauses.pauseUnlessPaused(pause(acc, { run_id: `run-${i}`, since: at(5, 9, i) })),
          ),
        );
        const created = results.filter((r) => r.created);
        expect(created).toHaveLength(1);
        // Every call answers the one pause in force.
        for (const r of results) expect(r.pause).toEqual(created[0]!.pause);
        expect(await store.accountPauses.get(acc)).toEqual(created[0]!.pause);
      });

      it('resumes only the pause that began at the given time', async () => {
        const acc = account();
        const current = pause(acc, { since: at(6, 8) });
        await store.accountPauses.pauseUnlessPaused(current);
        expect(await store.accountPauses.resume(acc, at(5, 9))).toBeNull();
        expect(await store.accountPauses.get(acc)).toEqual(current);
        expect(await store.accountPauses.resume(acc, at(6, 8))).toEqual(current);
      });
    });

    describe('accounts and contacts', () => {
      it('ensure creates an account once and keeps its first name', async () => {
        const id = account();
        await store.accounts.ensure(id, 'First', at(1));
        await Promise.all([
          store.accounts.ensure(id, 'Second', at(2)),
          store.accounts.ensure(id, 'Third', at(3)),
        ]);
        const mine = (await store.accounts.list()).filter((a) => a.id === id);
        expect(mine).toEqual([{ id, name: 'First', created_at: at(1) }]);
      });

      it('upserts contacts by account and slug', async () => {
        const acc = account();
        expect(await store.contacts.get(acc, 'ada')).toBeNull();
        const contact = {
          account_id: acc,
          slug: 'ada',
          name: 'Ada',
          profile_url: 'https://x/in/ada/',
          updated_at: at(1),
        };
        await store.contacts.upsert(contact);
        expect(await store.contacts.get(acc, 'ada')).toEqual({ ...contact, language: null });
        const renamed = { ...contact, name: 'Ada Lovelace', updated_at: at(2) };
        await store.contacts.upsert(renamed);
        expect(await store.contacts.get(acc, 'ada')).toEqual({ ...renamed, language: null });
        expect(await store.contacts.get(account(), 'ada')).toBeNull();
      });

      it("gives a known contact a language that a run's upsert keeps", async () => {
        const acc = account();
        const contact = {
          account_id: acc,
          slug: 'ada',
          name: 'Ada',
          profile_url: 'https://x/in/ada/',
          updated_at: at(1),
        };
        expect(await store.contacts.setLanguage(acc, 'ada', 'en', at(2))).toBeNull();
        expect(await store.contacts.get(acc, 'ada')).toBeNull();
        await store.contacts.upsert(contact);
        expect(await store.contacts.setLanguage(acc, 'ada', 'en', at(2))).toEqual({
          ...contact,
          language: 'en',
          updated_at: at(2),
        });
        await store.contacts.upsert({ ...contact, name: 'Ada L.', updated_at: at(3) });
        expect(await store.contacts.get(acc, 'ada')).toMatchObject({ name: 'Ada L.', language: 'en' });
        // Another account's contact of the same slug is another person.
        await store.contacts.upsert({ ...contact, account_id: `${acc}-other` });
        expect(await store.contacts.get(`${acc}-other`, 'ada')).toMatchObject({ language: null });
        expect(await store.contacts.setLanguage(acc, 'ada', null, at(4))).toMatchObject({ language: null });
        expect(await store.contacts.get(acc, 'ada')).toMatchObject({ language: null, updated_at: at(4) });
      });
    });

    describe('birthday messages', () => {
      const intent = (
        acc: string,
        slug: string,
        overrides: Partial<{
          birthday_date: string;
          template: string;
          dry_run: boolean;
          created_at: string;
        }> = {},
      ) => ({
        account_id: acc,
        contact_slug: slug,
        birthday_date: '2025-03-10',
        run_id: 'run-1',
        template: 'Happy birthday {first_name}!',
        text: 'Happy birthday Ada!',
        dry_run: false,
        created_at: at(10, 9),
        ...overrides,
      });

      it('records an intent once per contact and birthday, even concurrently', async () => {
        const acc = account();
        const created = await store.birthdayMessages.createIntent(intent(acc, 'ada'));
        expect(created).toEqual({
          id: expect.any(Number),
          ...intent(acc, 'ada'),
          state: 'intent',
          confirmed_at: null,
        });
        expect(
          await store.birthdayMessages.createIntent(intent(acc, 'ada', { template: 'other' })),
        ).toBeNull();
        expect(await store.birthdayMessages.find(acc, 'ada', '2025-03-10')).toEqual(created);
        expect(await store.birthdayMessages.find(acc, 'ada', '2024-03-10')).toBeNull();

        const racing = await Promise.all(
          Array.from({ length: 8 }, () => store.birthdayMessages.createIntent(intent(acc, 'grace'))),
        );
        expect(racing.filter((m) => m !== null)).toHaveLength(1);

        // Another birthday of the same contact, or another account, is a different key.
        expect(
          await store.birthdayMessages.createIntent(intent(acc, 'ada', { birthday_date: '2026-03-10' })),
        ).not.toBeNull();
        expect(await store.birthdayMessages.createIntent(intent(account(), 'ada'))).not.toBeNull();
      });

      it('confirms, discards intents and lists unconfirmed ones', async () => {
        const acc = account();
        const a = (await store.birthdayMessages.createIntent(intent(acc, 'a')))!;
        const b = (await store.birthdayMessages.createIntent(intent(acc, 'b')))!;
        const c = (await store.birthdayMessages.createIntent(intent(acc, 'c')))!;
        expect((await store.birthdayMessages.listUnconfirmed(acc)).map((m) => m.id)).toEqual([
          a.id,
          b.id,
          c.id,
        ]);

        await store.birthdayMessages.confirm(a.id, at(10, 10));
        expect(await store.birthdayMessages.find(acc, 'a', '2025-03-10')).toMatchObject({
          state: 'confirmed',
          confirmed_at: at(10, 10),
        });
        await store.birthdayMessages.confirm(a.id, at(10, 11));
        expect((await store.birthdayMessages.find(acc, 'a', '2025-03-10'))!.confirmed_at).toBe(at(10, 10));

        await store.birthdayMessages.discardIntent(b.id);
        expect(await store.birthdayMessages.find(acc, 'b', '2025-03-10')).toBeNull();
        expect(await store.birthdayMessages.createIntent(intent(acc, 'b'))).not.toBeNull();

        // A confirmed message is never discarded: that would allow a second wish.
        await store.birthdayMessages.discardIntent(a.id);
        expect(await store.birthdayMessages.find(acc, 'a', '2025-03-10')).not.toBeNull();

        const unconfirmed = await store.birthdayMessages.listUnconfirmed(acc);
        expect(unconfirmed.map((m) => m.contact_slug)).toEqual(['c', 'b']);
        expect(unconfirmed.every((m) => m.state === 'intent')).toBe(true);
        expect(c.state).toBe('intent');
        expect(await store.birthdayMessages.listUnconfirmed(account())).toEqual([]);
      });

      it("lists a run's messages, pending and confirmed, and no other run's", async () => {
        const acc = account();
        const a = (await store.birthdayMessages.createIntent(intent(acc, 'a', { created_at: at(10, 9) })))!;
        await store.birthdayMessages.confirm(a.id, at(10, 9));
        await store.birthdayMessages.createIntent(intent(acc, 'b', { created_at: at(10, 10) }));
        await store.birthdayMessages.createIntent({ ...intent(acc, 'c'), run_id: 'run-2' });
        await store.birthdayMessages.createIntent(intent(account(), 'd'));
        const listed = await store.birthdayMessages.listForRun(acc, 'run-1', at(10, 0));
        expect(listed.map((m) => [m.contact_slug, m.state, m.text])).toEqual([
          ['a', 'confirmed', 'Happy birthday Ada!'],
          ['b', 'intent', 'Happy birthday Ada!'],
        ]);
        expect(await store.birthdayMessages.listForRun(acc, 'run-1', at(10, 11))).toEqual([]);
      });

      it('reports templates used for a contact since a date', async () => {
        const acc = account();
        await store.birthdayMessages.createIntent(
          intent(acc, 'ada', {
            birthday_date: '2023-03-10',
            template: 'T-old',
            created_at: '2023-03-10T09:00:00.000Z',
          }),
        );
        const mid = await store.birthdayMessages.createIntent(
          intent(acc, 'ada', {
            birthday_date: '2024-03-10',
            template: 'T-2024',
            created_at: '2024-03-10T09:00:00.000Z',
          }),
        );
        await store.birthdayMessages.confirm(mid!.id, '2024-03-10T09:01:00.000Z');
        await store.birthdayMessages.createIntent(
          intent(acc, 'ada', {
            birthday_date: '2025-03-10',
            template: 'T-2025',
            created_at: '2025-03-10T09:00:00.000Z',
          }),
        );
        await store.birthdayMessages.createIntent(
          intent(acc, 'ada', {
            birthday_date: '2025-03-11',
            template: 'T-2024',
            created_at: '2025-03-11T09:00:00.000Z',
          }),
        );
        // A dry run never reached the contact.
        await store.birthdayMessages.createIntent(
          intent(acc, 'ada', { birthday_date: '2025-03-12', template: 'T-dry', dry_run: true }),
        );
        await store.birthdayMessages.createIntent(intent(acc, 'grace', { template: 'T-grace' }));

        const used = await store.birthdayMessages.templatesUsedSince(acc, 'ada', '2024-01-01T00:00:00.000Z');
        expect([...used].sort()).toEqual(['T-2024', 'T-2025']);
        expect(
          await store.birthdayMessages.templatesUsedSince(acc, 'ada', '2030-01-01T00:00:00.000Z'),
        ).toEqual([]);
        expect(
          await store.birthdayMessages.templatesUsedSince(acc, 'nobody', '2000-01-01T00:00:00.000Z'),
        ).toEqual([]);
      });

      it('tells whether a real wish (confirmed or pending) to a contact was recorded since a time', async () => {
        const acc = account();
        const wished = (slug: string, since: string) => store.birthdayMessages.wishedSince(acc, slug, since);
        const confirmed = await store.birthdayMessages.createIntent(
          intent(acc, 'ada', { birthday_date: '2025-03-10', created_at: '2025-03-10T09:00:00.000Z' }),
        );
        await store.birthdayMessages.confirm(confirmed!.id, '2025-03-10T09:01:00.000Z');
        await store.birthdayMessages.createIntent(
          intent(acc, 'grace', { birthday_date: '2025-belated', created_at: '2025-06-01T09:00:00.000Z' }),
        );
        await store.birthdayMessages.createIntent(
          intent(acc, 'linus', { dry_run: true, created_at: '2025-06-01T09:00:00.000Z' }),
        );
        expect(await wished('ada', '2025-01-01T00:00:00.000Z')).toBe(true);
        expect(await wished('ada', '2025-03-11T00:00:00.000Z')).toBe(false);
        expect(await wished('grace', '2025-05-01T00:00:00.000Z')).toBe(true);
        // A dry run never reached the contact.
        expect(await wished('linus', '2025-01-01T00:00:00.000Z')).toBe(false);
        expect(await store.birthdayMessages.wishedSince(account(), 'ada', '2000-01-01T00:00:00.000Z')).toBe(
          false,
        );
      });

      it('counts confirmed, non-dry-run messages in a time range', async () => {
        const acc = account();
        const confirmIntent = async (slug: string, createdAt: string, dryRun = false) => {
          const m = await store.birthdayMessages.createIntent(
            intent(acc, slug, { created_at: createdAt, dry_run: dryRun }),
          );
          await store.birthdayMessages.confirm(m!.id, createdAt);
        };
        await confirmIntent('a', at(10, 8));
        await confirmIntent('b', at(10, 12));
        await confirmIntent('c', at(11, 0));
        await confirmIntent('dry', at(10, 9), true);
        await store.birthdayMessages.createIntent(intent(acc, 'pending', { created_at: at(10, 10) }));
        await store.birthdayMessages.createIntent(intent(account(), 'a', { created_at: at(10, 10) }));

        expect(await store.birthdayMessages.countSent(acc, at(10), at(11))).toBe(2);
        expect(await store.birthdayMessages.countSent(acc, at(10))).toBe(3);
        expect(await store.birthdayMessages.countSent(acc, at(10, 12), at(11))).toBe(1);
        expect(await store.birthdayMessages.countSent(acc, at(12))).toBe(0);
      });
    });

    describe('birthday listings (the preview of who will be wished)', () => {
      it("keeps each run's cards and answers the latest, an empty page included; forgetting removes them", async () => {
        const acc = account();
        expect(await store.birthdayListings.latest(acc)).toBeNull();
        const first = await makeRun(acc, {}, { startedAt: at(1) });
        const cards = [
          { slug: 'ada', name: 'Ada', profile_url: 'http://x/in/ada', days_late: 0 },
          { slug: 'bob', name: 'Bob', profile_url: 'http://x/in/bob', days_late: null },
        ];
        await store.birthdayListings.record({
          run_id: first.id,
          account_id: acc,
          seen_at: at(1),
          local_date: '2026-01-01',
          contacts: cards,
        });
        expect(await store.birthdayListings.latest(acc)).toEqual({
          run_id: first.id,
          account_id: acc,
          seen_at: at(1),
          local_date: '2026-01-01',
          contacts: cards,
        });
        expect(await store.birthdayListings.latest(account())).toBeNull();
        // A later run that found nobody is the latest look: an empty list, not the older one.
        const second = await makeRun(acc, { queued_at: at(2) }, { startedAt: at(2) });
        await store.birthdayListings.record({
          run_id: second.id,
          account_id: acc,
          seen_at: at(2),
          local_date: '2026-01-02',
          contacts: [],
        });
        expect((await store.birthdayListings.latest(acc))?.run_id).toBe(second.id);
        expect((await store.birthdayListings.latest(acc))?.contacts).toEqual([]);
        await store.personalData.forget(acc);
        expect(await store.birthdayListings.latest(acc)).toBeNull();
      });
    });

    describe('profile visits and invitation withdrawals', () => {
      it('records visits, answers visitedSince and counts per range', async () => {
        const acc = account();
        const visit = (slug: string, visitedAt: string) => ({
          account_id: acc,
          run_id: 'run-v',
          slug,
          profile_url: `https://x/in/${slug}/`,
          name: slug === 'anon' ? null : slug.toUpperCase(),
          visited_at: visitedAt,
        });
        await store.profileVisits.record(visit('ada', at(10, 1)));
        await store.profileVisits.record(visit('anon', at(10, 2)));
        await store.profileVisits.record(visit('ada', at(12, 1)));
        await store.profileVisits.record({ ...visit('ada', at(10, 1)), account_id: account() });

        expect(await store.profileVisits.visitedSince(acc, 'ada', at(12))).toBe(true);
        expect(await store.profileVisits.visitedSince(acc, 'ada', at(12, 1))).toBe(true);
        expect(await store.profileVisits.visitedSince(acc, 'ada', at(12, 2))).toBe(false);
        expect(await store.profileVisits.visitedSince(acc, 'grace', at(1))).toBe(false);
        expect(await store.profileVisits.count(acc, at(10), at(11))).toBe(2);
        expect(await store.profileVisits.count(acc, at(10))).toBe(3);
        expect(await store.profileVisits.count(acc, at(10, 2), at(12, 1))).toBe(1);
      });

      it('records withdrawals and counts per range', async () => {
        const acc = account();
        const w = (name: string, withdrawnAt: string) => ({
          account_id: acc,
          run_id: 'run-w',
          name,
          profile_url: null,
          sent_label: 'Sent 2 months ago',
          withdrawn_at: withdrawnAt,
        });
        await store.invitationWithdrawals.record(w('Ada', at(10, 1)));
        await store.invitationWithdrawals.record({
          ...w('Grace', at(10, 2)),
          profile_url: 'https://x/in/g/',
        });
        await store.invitationWithdrawals.record(w('Linus', at(11, 0)));
        await store.invitationWithdrawals.record({ ...w('Other', at(10, 1)), account_id: account() });

        expect(await store.invitationWithdrawals.count(acc, at(10), at(11))).toBe(2);
        expect(await store.invitationWithdrawals.count(acc, at(10))).toBe(3);
        expect(await store.invitationWithdrawals.count(acc, at(12))).toBe(0);
      });
    });

    describe('personal data (forgetting, retention)', () => {
      /** Everything the bots record about a contact, `day` days into March: a run, its outcome and log line, the ledger, a visit, a withdrawal. */
      async function recordContact(acc: string, slug: string, day: number): Promise<Run> {
        const run = await makeRun(acc, { queued_at: at(day) }, { startedAt: at(day) });
        await store.contacts.upsert({
          account_id: acc,
          slug,
          name: `Name ${slug}`,
          profile_url: `https://x/in/${slug}/`,
          updated_at: at(day, 9),
        });
        await store.outcomes.add({
          run_id: run.id,
          account_id: acc,
          ts: at(day, 9),
          contact_name: `Name ${slug}`,
          profile_url: `https://x/in/${slug}/`,
          status: 'sent',
          screenshot: `runs/${run.id}/${slug}.png`,
        });
        const wish = await store.birthdayMessages.createIntent({
          account_id: acc,
          contact_slug: slug,
          birthday_date: `2025-03-${String(day).padStart(2, '0')}`,
          run_id: run.id,
          template: 'Happy birthday {first_name}!',
          text: `Happy birthday ${slug}!`,
          dry_run: false,
          created_at: at(day, 9),
        });
        await store.birthdayMessages.confirm(wish!.id, at(day, 9));
        await store.profileVisits.record({
          account_id: acc,
          run_id: run.id,
          slug,
          profile_url: `https://x/in/${slug}/`,
          name: `Name ${slug}`,
          visited_at: at(day, 9),
        });
        await store.invitationWithdrawals.record({
          account_id: acc,
          run_id: run.id,
          name: `Name ${slug}`,
          profile_url: `https://x/in/${slug}/`,
          sent_label: 'Sent 2 months ago',
          withdrawn_at: at(day, 9),
        });
        await store.logs.append([
          {
            account_id: acc,
            ts: at(day, 9),
            level: 'info',
            run_id: run.id,
            message: `Sent to Name ${slug}`,
            code: 'birthday.wished',
            params: { name: `Name ${slug}`, days_late: 0 },
          },
        ]);
        return run;
      }

      it("forgets an account's contacts, outcomes, texts, names and run logs, keeping what the limits count", async () => {
        const acc = account();
        const other = account();
        const run = await recordContact(acc, 'ada', 10);
        await recordContact(other, 'ada', 10);
        await store.contacts.setLanguage(acc, 'ada', 'en', at(10, 11));
        await store.contacts.setLanguage(other, 'ada', 'en', at(10, 11));
        await store.logs.append([
          {
            account_id: acc,
            ts: at(10, 10),
            level: 'info',
            run_id: null,
            message: 'Settings changed',
            code: null,
            params: null,
          },
        ]);
        const failed = await store.runs.createIfIdle(newRun(acc, { queued_at: at(11) }));
        await store.runs.finish(failed!.id, {
          status: 'failed',
          at: at(11),
          error: { code: 'element_not_found', message: 'Message button of Name ada not found' },
        });

        // A digest names the contacts not wished: its event and delivery go too, not another account's.
        const channelId = `forget-${acc}`;
        await store.notifications.insertChannel({
          id: channelId,
          type: 'webhook',
          name: 'Hook',
          enabled: true,
          events: ['daily_digest'],
          account_ids: null,
          language: 'en',
          config: { url: 'https://hooks.example.test/' },
          secrets_encrypted: null,
          created_by: null,
          created_at: at(10),
          updated_at: at(10),
        });
        for (const owner of [acc, other]) {
          const digest = {
            id: `digest-${owner}`,
            account_id: owner,
            event: 'daily_digest' as const,
            dedup_key: `daily_digest:${owner}:2025-03-10`,
            data: { not_wished: [{ name: 'Name ada' }] },
            created_at: at(10, 20),
          };
          await store.notifications.recordEvent(digest);
          await store.notifications.dispatchEvent(
            digest.id,
            [
              {
                id: `delivery-${owner}`,
                event_id: digest.id,
                channel_id: channelId,
                account_id: owner,
                event: 'daily_digest',
                data: digest.data,
                status: 'pending',
                next_attempt_at: at(10, 20),
                created_at: at(10, 20),
              },
            ],
            at(10, 20),
          );
        }

        expect(await store.personalData.forget(acc)).toEqual({
          contacts: 1,
          outcomes: 1,
          ledger_texts: 1,
          ledger_keys: 0,
          run_errors: 1,
          profile_visits: 1,
          invitation_withdrawals: 1,
          log_lines: 1,
          notifications: 2,
        });
        expect(await store.notifications.getDelivery(`delivery-${acc}`)).toBeNull();
        expect(await store.notifications.getDelivery(`delivery-${other}`)).not.toBeNull();

        expect(await store.contacts.get(acc, 'ada')).toBeNull();
        expect(await store.outcomes.listForRun(run.id)).toEqual([]);
        const wish = await store.birthdayMessages.find(acc, 'ada', '2025-03-10');
        expect(wish).toMatchObject({
          state: 'confirmed',
          text: '',
          template: 'Happy birthday {first_name}!',
        });
        // The limits still count the wish, and the exactly-once key still holds.
        expect(await store.birthdayMessages.countSent(acc, at(10))).toBe(1);
        expect(await store.birthdayMessages.wishedSince(acc, 'ada', at(1))).toBe(true);
        expect(
          await store.birthdayMessages.createIntent({ ...wish!, run_id: 'again', text: 'Again!' }),
        ).toBeNull();
        expect(await store.profileVisits.count(acc, at(10))).toBe(1);
        expect(await store.profileVisits.visitedSince(acc, 'ada', at(10))).toBe(true);
        expect(await store.invitationWithdrawals.count(acc, at(10))).toBe(1);
        const logs = await store.logs.list({ account_id: acc, limit: 10 });
        expect(logs.map((l) => l.message)).toEqual(['Settings changed']);
        expect((await store.runs.get(failed!.id))?.error).toEqual({
          code: 'element_not_found',
          message: 'Details removed with the LinkedIn data',
        });
        expect((await store.personalData.runIds(acc)).sort()).toEqual([run.id, failed!.id].sort());

        // Another account keeps everything; forgetting twice finds nothing more.
        expect(await store.contacts.get(other, 'ada')).not.toBeNull();
        expect((await store.birthdayMessages.find(other, 'ada', '2025-03-10'))?.text).toBe(
          'Happy birthday ada!',
        );
        expect(await store.personalData.forget(acc)).toEqual({
          contacts: 0,
          outcomes: 0,
          ledger_texts: 0,
          ledger_keys: 0,
          run_errors: 0,
          profile_visits: 0,
          invitation_withdrawals: 0,
          log_lines: 0,
          notifications: 0,
        });
        // The language given to them went with them: met again, they are wished in the account's.
        await store.contacts.upsert({
          account_id: acc,
          slug: 'ada',
          name: 'Ada',
          profile_url: 'https://x/in/ada/',
          updated_at: at(12),
        });
        expect(await store.contacts.get(acc, 'ada')).toMatchObject({ language: null });
        expect(await store.contacts.get(other, 'ada')).toMatchObject({ language: 'en' });
      });

      it('keeps a contact given a language lately, as one met lately; expires it with its language once old', async () => {
        const acc = account();
        await recordContact(acc, 'ada', 1);
        await store.contacts.setLanguage(acc, 'ada', 'en', at(7));
        const expiry = { screenshotsBefore: at(8), before: at(5), keysBefore: at(2) };
        expect((await store.personalData.expire(acc, expiry)).contacts).toBe(0);
        expect(await store.contacts.get(acc, 'ada')).toMatchObject({ language: 'en' });
        const later = { screenshotsBefore: at(20), before: at(20), keysBefore: at(2) };
        expect((await store.personalData.expire(acc, later)).contacts).toBe(1);
        expect(await store.contacts.get(acc, 'ada')).toBeNull();
      });

      it("expires what is older than the retention limits, keeping keys inside the limits' windows", async () => {
        const acc = account();
        await recordContact(acc, 'ancient', 1);
        const oldRun = await recordContact(acc, 'old', 2);
        const midRun = await recordContact(acc, 'mid', 6);
        const newRun = await recordContact(acc, 'new', 12);

        const counts = await store.personalData.expire(acc, {
          screenshotsBefore: at(8),
          before: at(5),
          keysBefore: at(2),
        });
        expect(counts).toMatchObject({
          contacts: 2,
          outcomes: 2,
          ledger_texts: 1,
          ledger_keys: 1,
          log_lines: 0,
        });

        expect(await store.contacts.get(acc, 'old')).toBeNull();
        expect(await store.contacts.get(acc, 'mid')).not.toBeNull();
        expect(await store.outcomes.listForRun(oldRun.id)).toEqual([]);
        // Screenshots go sooner than outcomes: the reference is cleared, the outcome kept.
        expect((await store.outcomes.listForRun(midRun.id))[0]).toMatchObject({
          contact_name: 'Name mid',
          screenshot: null,
        });
        expect((await store.outcomes.listForRun(newRun.id))[0]?.screenshot).toBe(`runs/${newRun.id}/new.png`);
        // Older than every window: the ledger key and the visit are gone.
        expect(await store.birthdayMessages.find(acc, 'ancient', '2025-03-01')).toBeNull();
        expect(await store.profileVisits.count(acc, at(1), at(2))).toBe(0);
        // Older than the outcomes' limit but inside a window: the key stays, without its text.
        expect((await store.birthdayMessages.find(acc, 'old', '2025-03-02'))?.text).toBe('');
        expect(await store.profileVisits.visitedSince(acc, 'old', at(2))).toBe(true);
        expect((await store.birthdayMessages.find(acc, 'mid', '2025-03-06'))?.text).toBe(
          'Happy birthday mid!',
        );
        expect(await store.invitationWithdrawals.count(acc, at(1))).toBe(4);
      });
    });

    describe('exit IPs', () => {
      it('keeps the latest address per account and the one before it', async () => {
        const acc = account();
        const other = account();
        const record = (account_id: string, ip: string, day: number, run_id: string | null) =>
          store.exitIps.record({ account_id, ip, checked_at: at(day), run_id });
        expect(await store.exitIps.get(acc)).toBeNull();

        const first = await record(acc, '203.0.113.7', 1, 'run-1');
        expect(first).toEqual({
          account_id: acc,
          ip: '203.0.113.7',
          checked_at: at(1),
          run_id: 'run-1',
          previous_ip: null,
          previous_checked_at: null,
        });
        expect(await store.exitIps.get(acc)).toEqual(first);

        expect(await record(acc, '2001:db8::1', 2, null)).toEqual({
          account_id: acc,
          ip: '2001:db8::1',
          checked_at: at(2),
          run_id: null,
          previous_ip: '203.0.113.7',
          previous_checked_at: at(1),
        });
        // The same address again: the previous one is now that address too.
        const third = await record(acc, '2001:db8::1', 3, 'run-3');
        expect(third).toMatchObject({
          previous_ip: '2001:db8::1',
          previous_checked_at: at(2),
          run_id: 'run-3',
        });
        expect(await store.exitIps.get(acc)).toEqual(third);

        await record(other, '198.51.100.1', 4, null);
        expect((await store.exitIps.get(acc))?.ip).toBe('2001:db8::1');
        expect((await store.exitIps.get(other))?.previous_ip).toBeNull();
      });
    });
  });
}
