import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env.ts';
import { DEFAULT_ACCOUNT_ID, type Run } from '../../domain.ts';
import type { AppError } from '../../errors.ts';
import { createLogger } from '../../logger.ts';
import { type AppContext, createContext } from '../../server/context.ts';
import { groupAlive, isAlive } from './processGroup.ts';

const user = { type: 'user' as const, id: 'admin' };

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await sleep(25);
  }
}

const finalRun = (ctx: AppContext, id: string) =>
  waitFor(async () => {
    const run = await ctx.store.runs.get(id);
    return run && ['succeeded', 'failed', 'stopped', 'interrupted'].includes(run.status) ? run : null;
  });

const runningRun = (ctx: AppContext, id: string) =>
  waitFor(async () => {
    const run = await ctx.store.runs.get(id);
    return run?.status === 'running' && run.pid ? run : null;
  });

describe('embedded queue: runs in a child process, stops that really stop', () => {
  let dir: string;
  let ctx: AppContext;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-queue-'));
    const config = loadConfig({
      DATA_DIR: dir,
      API_KEY: 'test-api-key-0123456789',
      ADMIN_PASSWORD: 'admin-password-1',
      SECRET_KEY: 'k'.repeat(40),
      LBB_TEST_JOBS: '1',
    });
    ctx = await createContext(config, { logger: createLogger('silent') });
  });

  afterEach(async () => {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const start = (type: string, options: Record<string, unknown> = {}) =>
    ctx.runService.start({
      accountId: DEFAULT_ACCOUNT_ID,
      type,
      dryRun: false,
      options,
      trigger: 'manual',
      actor: user,
    });

  it('runs a job to completion and streams its counters and logs', async () => {
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
  });

  it('stops a cooperative job: stopped, stopped_by recorded, process gone, audited', async () => {
    const run = await start('test_cooperative');
    const active = await runningRun(ctx, run.id);
    await waitFor(async () => ((await ctx.store.runs.get(run.id))?.messages_sent ?? 0) > 0);
    const ids = await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run.id, actor: user });
    expect(ids).toEqual([run.id]);
    const done = await finalRun(ctx, run.id);
    expect(done.status).toBe('stopped');
    expect(done.stopped_by).toBe('user:admin');
    expect(done.messages_sent).toBeGreaterThan(0);
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
      (await waitFor(async () => (await ctx.store.runs.get(run.id))?.progress.step?.split(':')[1])) as string,
    );
    expect(isAlive(helperPid)).toBe(true);
    await ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, actor: { type: 'api_key', id: 'api_key' } });
    const done = await finalRun(ctx, run.id);
    expect(done.status).toBe('stopped');
    expect(done.stopped_by).toBe('api_key');
    expect(groupAlive(active.pid!)).toBe(false);
    expect(isAlive(helperPid)).toBe(false);
    const audit = await ctx.store.audit.list({
      account_id: DEFAULT_ACCOUNT_ID,
      limit: 10,
      action: 'run.stop_all',
    });
    expect(audit[0]?.details).toMatchObject({ run_ids: [run.id] });
  });

  it('marks a run whose process dies on its own failed (browser_crashed)', async () => {
    const run = await start('test_crash', { crash_after_ms: 50 });
    const done = await finalRun(ctx, run.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('browser_crashed');
  });

  it('reports a handler failure with its code', async () => {
    const run = await start('birthday');
    const done = await finalRun(ctx, run.id);
    expect(done.status).toBe('failed');
    expect(done.error?.code).toBe('not_implemented');
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
    await expect(ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, actor: user })).rejects.toMatchObject({
      code: 'no_active_run',
    });
  });
});
