import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestRun, createTestStore, TestClock, type TestStore } from '../bots/testing/context.ts';
import { DEFAULT_ACCOUNT_ID, type RunError, type SelectorFallbackNote, zeroCounters } from '../domain.ts';
import { EventBus } from '../events.ts';
import type { NotificationEventRecord, Store } from '../store/interfaces.ts';
import { type FinishResult, RunLifecycle } from './lifecycle.ts';

/**
 * The notifications a run's end causes, through the RunLifecycle over a real store: each
 * final state records its one outbox event in the transaction of the final state (or of the
 * pause), and only once.
 */
describe('RunLifecycle: a run’s end is notified with its final state', () => {
  let db: TestStore;
  const bus = new EventBus();
  const clock = new TestClock('2026-06-15T10:00:00.000Z');
  let lifecycle: RunLifecycle;
  const seen = new Set<string>();

  beforeAll(async () => {
    db = await createTestStore();
    lifecycle = new RunLifecycle(db.store, bus, clock);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await newEvents(); // what earlier tests recorded
    const pause = await db.store.accountPauses.get(DEFAULT_ACCOUNT_ID);
    if (pause) await db.store.accountPauses.resume(DEFAULT_ACCOUNT_ID, pause.since);
    await db.store.linkedinSessions.delete(DEFAULT_ACCOUNT_ID);
  });

  /** The outbox events recorded since the last call, oldest first (a run's end before its fallbacks). */
  async function newEvents(): Promise<NotificationEventRecord[]> {
    const all = await db.store.notifications.undispatchedEvents(1000);
    const fresh = all.filter((e) => !seen.has(e.id));
    for (const e of fresh) seen.add(e.id);
    const order = (e: NotificationEventRecord) =>
      `${e.created_at}:${e.event === 'selectors_fallback' ? 1 : 0}`;
    return fresh.sort((a, b) => order(a).localeCompare(order(b)));
  }

  async function run(
    result: FinishResult,
    opts: {
      sent?: number;
      failedAttempts?: number;
      fallbacks?: SelectorFallbackNote[];
      dryRun?: boolean;
    } = {},
  ) {
    clock.advance(60_000);
    const t = await createTestRun(db.store, { queuedAt: clock.now(), dryRun: opts.dryRun });
    const counters = { ...zeroCounters(), messages_sent: opts.sent ?? 0, errors: opts.failedAttempts ?? 0 };
    for (let i = 0; i < (opts.failedAttempts ?? 0); i++) {
      await db.store.outcomes.add({
        run_id: t.ctx.run.id,
        account_id: DEFAULT_ACCOUNT_ID,
        ts: clock.now().toISOString(),
        status: 'error',
        contact_name: `Contact ${i}`,
        error_code: 'send_failed',
      });
    }
    await lifecycle.progress(t.ctx.run.id, counters, { selector_fallbacks: opts.fallbacks });
    const final = await lifecycle.finish(t.ctx.run, { counters, ...result });
    return final!;
  }

  const storeSession = async (updatedAt: string) => {
    await db.store.linkedinSessions.put({
      account_id: DEFAULT_ACCOUNT_ID,
      encrypted: 'sealed',
      status: 'valid',
      checked_at: null,
      updated_at: updatedAt,
    });
  };
  const authRequired: RunError = { code: 'auth_required', message: 'redirected to /login' };

  it('a succeeded run records run_succeeded with the run’s fields', async () => {
    const final = await run({ status: 'succeeded' }, { sent: 3 });
    const events = await newEvents();
    expect(events).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        account_id: DEFAULT_ACCOUNT_ID,
        event: 'run_succeeded',
        dedup_key: `run_succeeded:${final.id}`,
        created_at: final.ended_at,
        dispatched_at: null,
        data: {
          run_id: final.id,
          type: 'birthday',
          trigger: 'manual',
          dry_run: false,
          status: 'succeeded',
          error_code: null,
          error_message: null,
          counters: { ...zeroCounters(), messages_sent: 3 },
          started_at: final.started_at,
          finished_at: final.ended_at,
          timezone: 'Europe/Paris',
        },
      },
    ]);
  });

  it('each failure records one run_failed: nothing delivered, a crash, a timeout, a dead process, an interruption', async () => {
    const nothing = await run({ status: 'succeeded' }, { failedAttempts: 2 });
    expect(nothing.error?.code).toBe('nothing_delivered');
    const ends: FinishResult[] = [
      { status: 'failed', error: { code: 'browser_crashed', message: 'gone' } },
      { status: 'failed', error: { code: 'timeout', message: 'too slow' } },
      { status: 'failed', error: { code: 'run_process_died', message: 'killed (SIGKILL)' } },
      { status: 'interrupted', error: { code: 'interrupted', message: 'the server restarted' } },
      // No stored session at all: nothing to reconnect, the run's failure is the news.
      { status: 'failed', error: authRequired },
    ];
    const runs = [nothing];
    for (const end of ends) runs.push(await run(end));
    const events = await newEvents();
    expect(events.map((e) => [e.event, e.dedup_key, e.data.status, e.data.error_code])).toEqual(
      runs.map((r) => ['run_failed', `run_failed:${r.id}`, r.status, r.error?.code]),
    );
    expect(events[0]?.data.error_message).toMatch(/^Nothing was delivered: 2 of 2 attempts failed/);
  });

  it('a stop by a user records nothing; a stop by the system (a shutdown) is a run_failed', async () => {
    await run({ status: 'stopped', stopped_by: 'user:admin' });
    expect(await newEvents()).toEqual([]);
    const shutdown = await run({ status: 'stopped', stopped_by: 'system' });
    expect(await newEvents()).toMatchObject([
      { event: 'run_failed', data: { run_id: shutdown.id, status: 'stopped' } },
    ]);
  });

  it('LinkedIn pushing back records rate_limited with the pause, once per pause', async () => {
    const limit: RunError = { code: 'rate_limited', message: 'limit banner', pushback: 'rate_limited' };
    const first = await run({ status: 'failed', error: limit });
    const pause = await db.store.accountPauses.get(DEFAULT_ACCOUNT_ID);
    expect(pause?.run_id).toBe(first.id);
    expect(await newEvents()).toMatchObject([
      {
        event: 'rate_limited',
        dedup_key: `rate_limited:${DEFAULT_ACCOUNT_ID}:${pause?.since}`,
        data: { run_id: first.id, reason: 'rate_limited', since: pause?.since, timezone: 'Europe/Paris' },
      },
    ]);
    // Another pushback while paused (a captcha on the session): the pause was told already.
    await storeSession('2026-06-01T08:00:00.000Z');
    await db.store.linkedinSessions.setStatus(DEFAULT_ACCOUNT_ID, 'expired', clock.now().toISOString());
    await run({ status: 'failed', error: { ...authRequired, pushback: 'captcha' } });
    expect(await newEvents()).toEqual([]);
  });

  it('runs failing on one expired session record one session_expired; new cookies expiring are news again', async () => {
    await storeSession('2026-06-01T08:00:00.000Z');
    const expireSession = () =>
      db.store.linkedinSessions.setStatus(DEFAULT_ACCOUNT_ID, 'expired', clock.now().toISOString());
    const expiredAt = clock.now().toISOString();
    await expireSession();
    const first = await run({ status: 'failed', error: authRequired });
    await expireSession();
    await run({ status: 'failed', error: authRequired });
    const events = await newEvents();
    expect(events).toMatchObject([
      {
        event: 'session_expired',
        dedup_key: `session_expired:${DEFAULT_ACCOUNT_ID}:2026-06-01T08:00:00.000Z`,
        data: {
          run_id: first.id,
          checked_at: expiredAt,
          reason: 'redirected to /login',
          timezone: 'Europe/Paris',
        },
      },
    ]);

    await storeSession('2026-06-16T08:00:00.000Z');
    await expireSession();
    const third = await run({ status: 'failed', error: authRequired });
    expect(await newEvents()).toMatchObject([{ event: 'session_expired', data: { run_id: third.id } }]);
  });

  it('a run that needed selector fallbacks records selectors_fallback once a week', async () => {
    const note = (element: string): SelectorFallbackNote => ({
      element,
      fallback: 2,
      of: 3,
      selector: "a[href*='/messaging/compose']",
      step: 'send-message',
    });
    const first = await run(
      { status: 'succeeded' },
      { sent: 1, fallbacks: [note('messageButton'), note('birthdayCard')] },
    );
    expect(await newEvents()).toMatchObject([
      { event: 'run_succeeded' },
      {
        event: 'selectors_fallback',
        dedup_key: `selectors_fallback:${DEFAULT_ACCOUNT_ID}:2026-W25`,
        data: {
          run_id: first.id,
          type: 'birthday',
          selectors: [note('messageButton'), note('birthdayCard')],
          timezone: 'Europe/Paris',
        },
      },
    ]);
    // The next runs meeting the change (or part of it), even failing: their ends only.
    await run(
      { status: 'failed', error: { code: 'timeout', message: 'x' } },
      { fallbacks: [note('messageButton')] },
    );
    await run({ status: 'succeeded' }, { sent: 1, fallbacks: [note('birthdayCard')] });
    expect((await newEvents()).map((e) => e.event)).toEqual(['run_failed', 'run_succeeded']);
    // Next week (Monday in Paris), the change is said again if runs still need the fallbacks.
    clock.set('2026-06-21T22:30:00.000Z');
    const later = await run({ status: 'succeeded' }, { sent: 1, fallbacks: [note('birthdayCard')] });
    expect((await newEvents()).filter((e) => e.event === 'selectors_fallback')).toMatchObject([
      { dedup_key: `selectors_fallback:${DEFAULT_ACCOUNT_ID}:2026-W26`, data: { run_id: later.id } },
    ]);
  });

  it('a repeated finish records nothing twice', async () => {
    const final = await run({ status: 'failed', error: { code: 'browser_crashed', message: 'gone' } });
    await lifecycle.finish(final, { status: 'failed', error: { code: 'browser_crashed', message: 'again' } });
    await lifecycle.interrupted(final, 'recovery');
    expect((await newEvents()).map((e) => e.dedup_key)).toEqual([`run_failed:${final.id}`]);
  });

  it('a notification that cannot be written never keeps a run from ending: it ends without it', async () => {
    const errors: unknown[] = [];
    const broken = new RunLifecycle(failing(db.store, 'notifications', 'recordEvent'), bus, clock, (err) =>
      errors.push(err),
    );
    clock.advance(60_000);
    const t = await createTestRun(db.store, { queuedAt: clock.now() });
    const final = await broken.finish(t.ctx.run, { status: 'succeeded' });
    expect(final).toMatchObject({ status: 'succeeded', ended_at: clock.now().toISOString() });
    expect(await db.store.runs.get(t.ctx.run.id)).toMatchObject({ status: 'succeeded' });
    expect(await newEvents()).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ name: 'RunEndNotificationError' })]);
    expect(String((errors[0] as Error).cause)).toContain('recordEvent unavailable');
  });

  it('settings or a session that cannot be read: the run ends and is told, in UTC', async () => {
    for (const [repo, method] of [
      ['settings', 'get'],
      ['linkedinSessions', 'get'],
    ] as const) {
      const errors: unknown[] = [];
      const broken = new RunLifecycle(failing(db.store, repo, method), bus, clock, (err) => errors.push(err));
      clock.advance(60_000);
      const t = await createTestRun(db.store, { queuedAt: clock.now() });
      const final = await broken.finish(t.ctx.run, { status: 'failed', error: authRequired });
      expect(final?.status).toBe('failed');
      expect(await newEvents()).toMatchObject([
        {
          event: 'run_failed',
          data: { run_id: t.ctx.run.id, timezone: repo === 'settings' ? 'UTC' : 'Europe/Paris' },
        },
      ]);
      expect(errors).toEqual([expect.objectContaining({ message: `${method} unavailable` })]);
    }
  });

  const limit: RunError = { code: 'rate_limited', message: 'banner', pushback: 'rate_limited' };

  it('a pause that cannot be written leaves the run unfinished; finished again, the run, its pause and rate_limited', async () => {
    const broken = new RunLifecycle(failing(db.store, 'accountPauses', 'pauseUnlessPaused'), bus, clock);
    clock.advance(60_000);
    const t = await createTestRun(db.store, { queuedAt: clock.now() });
    await expect(broken.finish(t.ctx.run, { status: 'failed', error: limit })).rejects.toThrow(
      'pauseUnlessPaused unavailable',
    );
    expect(await db.store.runs.get(t.ctx.run.id)).toMatchObject({ status: 'running', ended_at: null });
    expect(await db.store.accountPauses.get(DEFAULT_ACCOUNT_ID)).toBeNull();
    expect(await newEvents()).toEqual([]);

    const final = await lifecycle.finish(t.ctx.run, { status: 'failed', error: limit });
    expect(final?.status).toBe('failed');
    const pause = await db.store.accountPauses.get(DEFAULT_ACCOUNT_ID);
    expect(pause).toMatchObject({ run_id: t.ctx.run.id, reason: 'rate_limited', since: final?.ended_at });
    expect(await newEvents()).toMatchObject([
      { event: 'rate_limited', dedup_key: `rate_limited:${DEFAULT_ACCOUNT_ID}:${pause?.since}` },
    ]);
  });

  it('a pushback whose rate_limited cannot be written still ends the run with its pause and audit entry', async () => {
    const errors: unknown[] = [];
    const broken = new RunLifecycle(
      failing(db.store, 'notifications', 'recordEvent', 'rate_limited'),
      bus,
      clock,
      (err) => errors.push(err),
    );
    clock.advance(60_000);
    const t = await createTestRun(db.store, { queuedAt: clock.now() });
    const final = await broken.finish(t.ctx.run, { status: 'failed', error: limit });
    expect(final?.status).toBe('failed');
    expect(await db.store.accountPauses.get(DEFAULT_ACCOUNT_ID)).toMatchObject({ run_id: t.ctx.run.id });
    const audit = await db.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 1,
      action: 'bot.pause',
    });
    expect(audit).toMatchObject([{ target: t.ctx.run.id, details: { reason: 'rate_limited' } }]);
    expect(errors).toEqual([expect.objectContaining({ name: 'RunEndNotificationError' })]);
    expect(await newEvents()).toEqual([]);
  });
});

/**
 * The store, `repo.method` of it and of its transactions rejecting (only for the outbox
 * events named `event`, when given).
 */
function failing(store: Store, repo: keyof Store, method: string, event?: string): Store {
  const breakRepo = (target: Store): Store =>
    new Proxy(target, {
      get(t, prop) {
        const value = Reflect.get(t, prop, t);
        if (prop === 'transaction') {
          return <T>(fn: (tx: Store) => Promise<T>) => t.transaction((tx) => fn(breakRepo(tx)));
        }
        if (prop !== repo) return value;
        const broken = Object.create(value) as Record<string, unknown>;
        const original = (value as Record<string, (...args: unknown[]) => Promise<unknown>>)[method]!;
        broken[method] = (...args: unknown[]) =>
          !event || (args[0] as { event?: string }).event === event
            ? Promise.reject(new Error(`${method} unavailable`))
            : original.apply(value, args);
        return broken;
      },
    });
  return breakRepo(store);
}
