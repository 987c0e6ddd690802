/**
 * The RunQueue port's contract: every adapter (embedded, bullmq) runs these tests through
 * the real RunService, with real run processes. "A stop really stops" is checked on the
 * processes themselves: the run process and everything in its group must be gone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../test/support/waitFor.ts';
import { DEFAULT_ACCOUNT_ID, type LogLine, type Run } from '../domain.ts';
import type { AppError } from '../errors.ts';
import type { EventBus } from '../events.ts';
import { groupAlive, isAlive } from '../runner/processGroup.ts';
import type { Store } from '../store/interfaces.ts';
import type { RunQueue } from './interfaces.ts';
import type { RunService } from './runService.ts';

/** The part of a server context the contract drives. */
export interface QueueContext {
  store: Store;
  queue: RunQueue;
  runService: RunService;
  bus: EventBus;
}

export interface QueueHarness {
  /** A server context whose queue is the adapter under test, started, with a worker able to take runs. */
  ctx: QueueContext;
  /** Stops everything the setup started (workers first), removes what it created. */
  cleanup(): Promise<void>;
}

const user = { type: 'user' as const, id: 'admin' };
const FINAL = ['succeeded', 'failed', 'stopped', 'interrupted'];

/** Generous deadline for the contract's waits: a loaded 2-core machine. */
const WAIT_MS = 20_000;

export const finalRun = (ctx: QueueContext, id: string, timeoutMs?: number) =>
  waitFor(
    async () => {
      const run = await ctx.store.runs.get(id);
      return run && FINAL.includes(run.status) ? run : null;
    },
    { timeoutMs: timeoutMs ?? WAIT_MS, what: `run ${id} to end` },
  );

export const runningRun = (ctx: QueueContext, id: string) =>
  waitFor(
    async () => {
      const run = await ctx.store.runs.get(id);
      return run?.status === 'running' && run.pid ? run : null;
    },
    { timeoutMs: WAIT_MS, what: `run ${id} to run` },
  );

/** Records a queued manual run in the store only, without handing it to the queue. */
export const recordQueuedRun = (ctx: QueueContext, options: Record<string, unknown> = {}) =>
  ctx.store.runs.createIfIdle({
    account_id: DEFAULT_ACCOUNT_ID,
    type: 'test_cooperative',
    trigger: 'manual',
    dry_run: false,
    options,
    schedule_date: null,
    queued_at: new Date().toISOString(),
  });

export const startRun = (ctx: QueueContext, type: string, options: Record<string, unknown> = {}) =>
  ctx.runService.start({
    accountId: DEFAULT_ACCOUNT_ID,
    type,
    dryRun: false,
    options,
    trigger: 'manual',
    actor: user,
  });

export function describeQueueContract(name: string, setup: () => Promise<QueueHarness>): void {
  describe(`job queue contract: ${name}`, () => {
    let harness: QueueHarness;
    let ctx: QueueContext;

    beforeEach(async () => {
      harness = await setup();
      ctx = harness.ctx;
    });

    afterEach(async () => {
      await harness.cleanup();
    });

    const start = (type: string, options: Record<string, unknown> = {}) => startRun(ctx, type, options);

    it('reports its workers online', async () => {
      const workers = await waitFor(
        async () => {
          const w = await ctx.queue.workers();
          return w.status === 'online' ? w : null;
        },
        { timeoutMs: WAIT_MS, what: 'a worker online' },
      );
      expect(workers.mode).toBe(ctx.queue.mode);
      expect(workers.count).toBeGreaterThanOrEqual(1);
    });

    it('runs a job to completion and streams its counters and logs', async () => {
      const runEvents: Run[] = [];
      const logEvents: LogLine[] = [];
      const offs = [ctx.bus.on('run', (r) => runEvents.push(r)), ctx.bus.on('log', (l) => logEvents.push(l))];
      try {
        const run = await start('test_cooperative', { steps: 3, step_ms: 20, log_every_step: true });
        const done = await finalRun(ctx, run.id);
        expect(done.status).toBe('succeeded');
        expect(done.messages_sent).toBe(3);
        expect(done.skipped).toBe(1);
        expect(done.progress.found).toBe(3);
        const logs = await ctx.store.logs.list({ account_id: DEFAULT_ACCOUNT_ID, limit: 50, run_id: run.id });
        expect(logs.map((l) => l.message)).toEqual(
          expect.arrayContaining(['step 3', 'cooperative job finished']),
        );
        // Streamed on the server's bus (what /api/events sends), wherever the run executed.
        await waitFor(() => runEvents.some((r) => r.id === run.id && r.status === 'succeeded'), {
          timeoutMs: WAIT_MS,
          what: `a 'succeeded' run event for ${run.id}`,
        });
        const mine = runEvents.filter((r) => r.id === run.id);
        expect(mine.some((r) => r.status === 'running' && r.messages_sent > 0)).toBe(true);
        await waitFor(() => logEvents.some((l) => l.run_id === run.id && l.message === 'step 3'), {
          timeoutMs: WAIT_MS,
          what: `the 'step 3' log of ${run.id}`,
        });
      } finally {
        for (const off of offs) off();
      }
    });

    it('stops a cooperative job: stopped, stopped_by recorded, process gone, audited', async () => {
      const run = await start('test_cooperative');
      const active = await runningRun(ctx, run.id);
      await waitFor(async () => ((await ctx.store.runs.get(run.id))?.messages_sent ?? 0) > 0, {
        timeoutMs: WAIT_MS,
        what: `a message sent by ${run.id}`,
      });
      const ids = await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run.id, actor: user });
      expect(ids).toEqual([run.id]);
      const done = await finalRun(ctx, run.id);
      expect(done.status).toBe('stopped');
      expect(done.stopped_by).toBe('user:admin');
      expect(done.messages_sent).toBeGreaterThan(0);
      // Finalised on the exit of the run process, never before.
      expect(isAlive(active.pid!)).toBe(false);
      const audit = await ctx.store.audit.list({
        account_id: DEFAULT_ACCOUNT_ID,
        limit: 10,
        action: 'run.stop',
      });
      expect(audit[0]).toMatchObject({ actor_type: 'user', actor_id: 'admin', target: run.id });
    });

    it('kills a job that ignores the abort after the grace period, with the processes it started', async () => {
      const run = await start('test_ignore_abort');
      const active = await runningRun(ctx, run.id);
      const helperPid = Number(
        (await waitFor(async () => (await ctx.store.runs.get(run.id))?.progress.step?.split(':')[1], {
          timeoutMs: WAIT_MS,
          what: `the helper pid in the progress of ${run.id}`,
        })) as string,
      );
      expect(isAlive(helperPid)).toBe(true);
      await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, actor: { type: 'api_key', id: 'api_key' } });
      const done = await finalRun(ctx, run.id);
      expect(done.status).toBe('stopped');
      expect(done.stopped_by).toBe('api_key');
      // Finalised on the exit of the run process, after the group kill.
      expect(groupAlive(active.pid!)).toBe(false);
      expect(isAlive(helperPid)).toBe(false);
      const audit = await ctx.store.audit.list({
        account_id: DEFAULT_ACCOUNT_ID,
        limit: 10,
        action: 'run.stop_all',
      });
      expect(audit[0]?.details).toMatchObject({ run_ids: [run.id] });
    });

    it('marks a run whose process is killed failed (run_process_died, naming the signal)', async () => {
      const run = await start('test_crash', { crash_after_ms: 50 });
      const done = await finalRun(ctx, run.id);
      expect(done.status).toBe('failed');
      expect(done.error).toEqual({
        code: 'run_process_died',
        message: "The run's process was killed (SIGKILL)",
      });
    });

    it('ends a real run that only failed nothing_delivered, one with a success succeeded', async () => {
      const none = await start('test_outcomes', { failures: 3 });
      const failed = await finalRun(ctx, none.id);
      expect(failed.status).toBe('failed');
      expect(failed.error).toEqual({
        code: 'nothing_delivered',
        message:
          'Nothing was delivered: 3 of 3 attempts failed (most often element_not_found: Message button of Contact 3 not found)',
      });
      expect(failed.errors).toBe(3);

      const some = await start('test_outcomes', { sends: 1, failures: 3 });
      const done = await finalRun(ctx, some.id);
      expect(done).toMatchObject({ status: 'succeeded', error: null, messages_sent: 1, errors: 3 });
    });

    it('reports a handler failure with its code', async () => {
      // No LinkedIn session is stored: the bot refuses (auth_required), or is not there yet.
      const run = await start('birthday');
      const done = await finalRun(ctx, run.id);
      expect(done.status).toBe('failed');
      expect(['auth_required', 'not_implemented']).toContain(done.error?.code);
    });

    it('stops a queued run that no process holds yet at once', async () => {
      // Recorded but never handed to the queue: nothing can have picked it up.
      const run = await recordQueuedRun(ctx);
      expect(run?.status).toBe('queued');
      await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run!.id, actor: user });
      const now = await ctx.store.runs.get(run!.id);
      expect(now).toMatchObject({ status: 'stopped', stopped_by: 'user:admin', started_at: null });
    });

    it('allows one queued-or-active run per account, even for concurrent starts', async () => {
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => start('test_cooperative')));
      const ok = results.filter((r): r is PromiseFulfilledResult<Run> => r.status === 'fulfilled');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(7);
      for (const r of refused) expect((r.reason as AppError).code).toBe('already_running');
      await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, actor: user });
      await finalRun(ctx, ok[0]!.value.id);
      const next = await start('test_cooperative', { steps: 1, step_ms: 1 });
      expect((await finalRun(ctx, next.id)).status).toBe('succeeded');
    });

    it('answers no_active_run when there is nothing to stop', async () => {
      await expect(ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, actor: user })).rejects.toMatchObject(
        {
          code: 'no_active_run',
        },
      );
    });
  });
}
