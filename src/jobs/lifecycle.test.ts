import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOutcome, resolveDeps } from '../bots/common.ts';
import {
  createTestRun,
  createTestStore,
  TestClock,
  type TestRun,
  type TestStore,
} from '../bots/testing/context.ts';
import { DEFAULT_ACCOUNT_ID, type FinalRunStatus, type Run, type RunError, zeroCounters } from '../domain.ts';
import { EventBus } from '../events.ts';
import { runDto } from '../server/dto.ts';
import type { OutcomeTally } from '../store/interfaces.ts';
import { exitResult, nothingDelivered, RunLifecycle } from './lifecycle.ts';

/**
 * The final-status rule, through the RunLifecycle over a real store: outcomes are written
 * the way the bots write them, counters relayed the way the supervisor relays them, then
 * the run's process proposes its end.
 */
describe('RunLifecycle: a run status tells the truth', () => {
  let db: TestStore;
  const bus = new EventBus();
  const clock = new TestClock('2025-06-15T10:00:00.000Z');
  let lifecycle: RunLifecycle;
  const deps = resolveDeps({ now: clock.now });

  beforeAll(async () => {
    db = await createTestStore();
    lifecycle = new RunLifecycle(db.store, bus, clock);
  });
  afterAll(async () => {
    await db.close();
  });

  const sent = (t: TestRun, name: string) =>
    recordOutcome(t.ctx, deps, { status: 'sent', contact_name: name }).then(() =>
      t.ctx.count('messages_sent'),
    );
  const failed = (t: TestRun, name: string, code = 'element_not_found') =>
    recordOutcome(t.ctx, deps, {
      status: 'error',
      contact_name: name,
      error_code: code,
      reason: code === 'element_not_found' ? `Message button of ${name} not found` : `${code} on ${name}`,
    });
  const skipped = (t: TestRun, name: string) =>
    recordOutcome(t.ctx, deps, { status: 'skipped', contact_name: name, reason: 'blacklisted' });

  /** Relays the counters like the supervisor, then proposes the end like the run process. */
  async function end(
    t: TestRun,
    status: FinalRunStatus = 'succeeded',
    extra: { error?: { code: string; message: string }; stopped_by?: string } = {},
  ): Promise<Run> {
    await lifecycle.progress(t.ctx.run.id, { ...t.counters }, {});
    const final = await lifecycle.finish(t.ctx.run, { status, counters: { ...t.counters }, ...extra });
    if (!final) throw new Error('run vanished');
    return final;
  }

  it('a real run whose every attempt failed ends failed nothing_delivered, naming the most frequent error', async () => {
    const events: Run[] = [];
    const off = bus.on('run', (r) => events.push(r));
    const t = await createTestRun(db.store);
    for (let i = 1; i <= 7; i++) await failed(t, `Contact ${i}`);
    for (let i = 8; i <= 10; i++) await failed(t, `Contact ${i}`, 'timeout');
    await skipped(t, 'Blacklisted');
    const final = await end(t);
    off();

    expect(final.status).toBe('failed');
    expect(final.error).toEqual({
      code: 'nothing_delivered',
      message:
        'Nothing was delivered: 10 of 10 attempts failed (most often element_not_found: Message button of Contact 7 not found)',
    });
    expect(final).toMatchObject({ errors: 10, skipped: 1, messages_sent: 0 });
    expect(runDto(final).has_errors).toBe(true);
    // What was stored is what was told: the bus, the log.
    expect((await db.store.runs.get(final.id))?.status).toBe('failed');
    expect(events.at(-1)).toMatchObject({ id: final.id, status: 'failed' });
    const logs = await db.store.logs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 5, run_id: final.id });
    expect(logs[0]).toMatchObject({ level: 'error' });
    expect(logs[0]?.message).toMatch(/^Run failed: nothing_delivered \(Nothing was delivered: 10 of 10/);
  });

  it('a run with one success and three errors succeeds, with has_errors', async () => {
    const t = await createTestRun(db.store);
    await failed(t, 'A');
    await sent(t, 'B');
    await failed(t, 'C');
    await failed(t, 'D', 'send_failed');
    const final = await end(t);
    expect(final).toMatchObject({ status: 'succeeded', error: null, messages_sent: 1, errors: 3 });
    expect(runDto(final).has_errors).toBe(true);
  });

  it('a visit or a withdrawal counts as delivered too', async () => {
    const t = await createTestRun(db.store, { type: 'visitor' });
    await failed(t, 'A');
    await recordOutcome(t.ctx, deps, { status: 'visited', contact_name: 'B' });
    t.ctx.count('profiles_visited');
    expect((await end(t)).status).toBe('succeeded');
  });

  it('a dry run with only errors keeps its status', async () => {
    const t = await createTestRun(db.store, { dryRun: true });
    await failed(t, 'A');
    await failed(t, 'B');
    const final = await end(t);
    expect(final).toMatchObject({ status: 'succeeded', error: null, errors: 2 });
    expect(runDto(final).has_errors).toBe(true);
  });

  it('a run where everything was skipped succeeds, without errors', async () => {
    const t = await createTestRun(db.store);
    await skipped(t, 'A');
    await skipped(t, 'B');
    const final = await end(t);
    expect(final).toMatchObject({ status: 'succeeded', error: null, skipped: 2, errors: 0 });
    expect(runDto(final).has_errors).toBe(false);
  });

  it('a run with nothing to do succeeds', async () => {
    const t = await createTestRun(db.store);
    expect((await end(t)).status).toBe('succeeded');
  });

  it('a run stopped or failed for another reason keeps its status and error', async () => {
    const stopped = await createTestRun(db.store);
    await failed(stopped, 'A');
    expect(await end(stopped, 'stopped', { stopped_by: 'user:admin' })).toMatchObject({
      status: 'stopped',
      error: null,
      stopped_by: 'user:admin',
    });

    const fatal = await createTestRun(db.store);
    await failed(fatal, 'A', 'auth_required');
    const error = { code: 'auth_required', message: 'LinkedIn session expired' };
    expect(await end(fatal, 'failed', { error })).toMatchObject({ status: 'failed', error });

    const interrupted = await createTestRun(db.store);
    await failed(interrupted, 'A');
    const lost = { code: 'interrupted', message: 'The process running this run died' };
    expect(await end(interrupted, 'interrupted', { error: lost })).toMatchObject({
      status: 'interrupted',
      error: lost,
    });
  });

  it('a run already final is left as it is', async () => {
    const t = await createTestRun(db.store);
    await failed(t, 'A');
    const first = await end(t, 'stopped', { stopped_by: 'system' });
    const again = await lifecycle.finish(t.ctx.run, { status: 'succeeded' });
    expect(again).toMatchObject({ id: first.id, status: 'stopped', error: null });
  });
});

/** The safety pause, decided with the run's final status, over a real store. */
describe('RunLifecycle: LinkedIn pushing back pauses the account', () => {
  let db: TestStore;
  const bus = new EventBus();
  const clock = new TestClock('2025-06-15T10:00:00.000Z');
  let lifecycle: RunLifecycle;

  beforeAll(async () => {
    db = await createTestStore();
    lifecycle = new RunLifecycle(db.store, bus, clock);
  });
  afterAll(async () => {
    await db.close();
  });

  const pauses = () => db.store.accountPauses.get(DEFAULT_ACCOUNT_ID);
  const pauseAudit = async () =>
    db.store.audit.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 10, action: 'bot.pause' });
  async function fail(error: RunError, status: FinalRunStatus = 'failed'): Promise<Run> {
    const t = await createTestRun(db.store);
    return (await lifecycle.finish(t.ctx.run, { status, error }))!;
  }
  const limit: RunError = { code: 'rate_limited', message: 'limit banner', pushback: 'rate_limited' };

  it('a run failed on LinkedIn’s limit warning pauses every bot of the account, told and audited', async () => {
    const seen: string[] = [];
    const off = bus.on('status', (account) => seen.push(account));
    const run = await fail(limit);
    off();
    expect(run).toMatchObject({ status: 'failed', error: limit });
    expect(await pauses()).toEqual({
      account_id: DEFAULT_ACCOUNT_ID,
      reason: 'rate_limited',
      run_id: run.id,
      since: run.ended_at,
    });
    expect(seen).toEqual([DEFAULT_ACCOUNT_ID]);
    expect(await pauseAudit()).toMatchObject([
      { actor_type: 'system', action: 'bot.pause', target: run.id, details: { reason: 'rate_limited' } },
    ]);
    const [last] = await db.store.logs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 1, run_id: run.id });
    expect(last).toMatchObject({ level: 'warn' });
    expect(last?.message).toMatch(/paused, auto-run included: LinkedIn showed its limit warning/);

    // Another pushback while paused keeps the first pause (its reason, run and time).
    clock.advance(60_000);
    await fail({ code: 'auth_required', message: 'captcha', pushback: 'captcha' });
    expect(await pauses()).toMatchObject({ reason: 'rate_limited', run_id: run.id });
    expect(await pauseAudit()).toHaveLength(1);
    await db.store.accountPauses.resume(DEFAULT_ACCOUNT_ID, run.ended_at!);
  });

  it('a checkpoint or a captcha pauses, under its own reason', async () => {
    for (const reason of ['checkpoint', 'captcha'] as const) {
      const run = await fail({ code: 'auth_required', message: reason, pushback: reason });
      expect(await pauses()).toMatchObject({ reason, run_id: run.id });
      await db.store.accountPauses.resume(DEFAULT_ACCOUNT_ID, run.ended_at!);
    }
  });

  it('an expired session, another failure or a stopped run does not pause', async () => {
    await fail({ code: 'auth_required', message: 'redirected to /login' });
    await fail({ code: 'browser_crashed', message: 'gone' });
    // Stopped by a user while LinkedIn was pushing back: the stop wins, no pause.
    await fail(limit, 'stopped');
    expect(await pauses()).toBeNull();
  });
});

describe('nothingDelivered', () => {
  const tally = (over: Partial<OutcomeTally['by_status']>, errors: OutcomeTally['errors'] = []) => ({
    by_status: { sent: 0, skipped: 0, error: 0, visited: 0, withdrawn: 0, interrupted: 0, ...over },
    errors,
  });
  const real = { ...zeroCounters(), dry_run: false };

  it('names the most frequent error code with an example, or says it had none', () => {
    expect(
      nothingDelivered(real, tally({ error: 2 }, [{ code: 'timeout', count: 2, example: 'Timed out' }])),
    ).toEqual({
      code: 'nothing_delivered',
      message: 'Nothing was delivered: 2 of 2 attempts failed (most often timeout: Timed out)',
    });
    expect(
      nothingDelivered(real, tally({ error: 1 }, [{ code: null, count: 1, example: null }]))?.message,
    ).toBe('Nothing was delivered: 1 of 1 attempts failed (most often an error without a code)');
  });

  it('does not apply to dry runs, runs without errors, or runs that delivered something', () => {
    const oneError = [{ code: 'timeout', count: 1, example: 'x' }];
    expect(nothingDelivered({ ...real, dry_run: true }, tally({ error: 1 }, oneError))).toBeNull();
    expect(nothingDelivered(real, tally({ skipped: 4 }))).toBeNull();
    expect(nothingDelivered(real, tally({ error: 1, withdrawn: 1 }, oneError))).toBeNull();
    // Counted without outcome rows (a job that only counts): delivered all the same.
    expect(nothingDelivered({ ...real, messages_sent: 1 }, tally({ error: 1 }, oneError))).toBeNull();
  });
});

describe('exitResult', () => {
  const counters = { ...zeroCounters(), messages_sent: 2 };

  it('proposes what the process reported, a stop over its report, run_process_died without one', () => {
    const done = { type: 'done' as const, status: 'succeeded' as const, error: null, counters };
    expect(exitResult({ done, code: 0, signal: null })).toEqual({
      status: 'succeeded',
      error: null,
      counters,
    });
    expect(exitResult({ done, stopRequestedBy: 'user:admin', code: 0, signal: null })).toEqual({
      status: 'stopped',
      stopped_by: 'user:admin',
      counters,
    });
    expect(exitResult({ code: null, signal: 'SIGKILL' })).toEqual({
      status: 'failed',
      error: { code: 'run_process_died', message: "The run's process was killed (SIGKILL)" },
    });
    expect(exitResult({ code: 1, signal: null })).toEqual({
      status: 'failed',
      error: {
        code: 'run_process_died',
        message: "The run's process ended before finishing the run (exit code 1)",
      },
    });
    const launchError = { code: 'launch_failed', message: 'no' };
    expect(exitResult({ launchError, done, code: 1, signal: null })).toEqual({
      status: 'failed',
      error: launchError,
    });
  });
});
