import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/support/waitFor.ts';
import { type Config, loadConfig } from '../../config/env.ts';
import { DEFAULT_ACCOUNT_ID, type Run } from '../../domain.ts';
import { EventBus } from '../../events.ts';
import { createLogger } from '../../logger.ts';
import { createContext } from '../../processes/server.ts';
import { type RunningWorker, startWorker } from '../../processes/worker.ts';
import { groupAlive, isAlive } from '../../runner/processGroup.ts';
import { RUN_PROCESS_MARK } from '../../runner/runSupervisor.ts';
import type { AppContext } from '../../server/context.ts';
import { createStore, dropPgSchema } from '../../store/index.ts';
import { describeQueueContract, finalRun, recordQueuedRun, runningRun, startRun } from '../queue.contract.ts';
import { BullmqQueue } from './bullmqQueue.ts';
import { closeRedis, connectRedis, deleteKeys, QUEUE_NAME } from './redis.ts';
import { RedisBus } from './redisBus.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const ROOT = path.resolve(import.meta.dirname, '../../..');
const silent = createLogger('silent');
const user = { type: 'user' as const, id: 'admin' };

const unique = (label: string) => `lbb_test_${process.pid}_${label}_${randomBytes(4).toString('hex')}`;

/** A DATABASE_URL whose connections all use `schema` (the way the server, workers and run processes share it). */
const withSearchPath = (url: string, schema: string) =>
  `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;

interface Distributed {
  config: Config;
  env: Record<string, string>;
  ctx: AppContext;
  prefix: string;
  cleanup(): Promise<void>;
}

/** A server context in bullmq mode over a fresh PG schema and Redis prefix (no worker). */
async function distributedContext(): Promise<Distributed> {
  const schema = unique('queue');
  const prefix = unique('q');
  const created = await createStore({ databaseUrl: PG_URL, pgSchema: schema });
  await created.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-bullmq-'));
  const env = {
    DATA_DIR: dir,
    DATABASE_URL: withSearchPath(PG_URL, schema),
    QUEUE: 'bullmq',
    REDIS_URL,
    QUEUE_PREFIX: prefix,
    API_KEY: 'test-api-key-0123456789',
    ADMIN_PASSWORD: 'admin-password-1',
    SECRET_KEY: 'k'.repeat(40),
    LBB_TEST_JOBS: '1',
  };
  const config = loadConfig(env);
  const ctx = await createContext(config, { logger: silent });
  return {
    config,
    env,
    ctx,
    prefix,
    async cleanup() {
      await ctx.close();
      const redis = connectRedis(REDIS_URL, 'commands');
      try {
        await deleteKeys(redis, prefix);
      } finally {
        await closeRedis(redis);
      }
      await dropPgSchema(PG_URL, schema);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeQueueContract('bullmq', async () => {
  const d = await distributedContext();
  let worker: RunningWorker | undefined;
  try {
    worker = await startWorker(d.config, { logger: silent, heartbeatMs: 1000 });
  } catch (err) {
    await d.cleanup();
    throw err;
  }
  return {
    ctx: d.ctx,
    cleanup: async () => {
      await worker?.close();
      await d.cleanup();
    },
  };
});

describe('bullmq queue', () => {
  let d: Distributed;
  let redis: Redis;
  const workers: RunningWorker[] = [];

  beforeAll(() => {
    redis = connectRedis(REDIS_URL, 'commands');
  });
  afterAll(async () => {
    await closeRedis(redis);
  });

  beforeEach(async () => {
    d = await distributedContext();
  });

  afterEach(async () => {
    for (const w of workers.splice(0)) await w.close();
    await d.cleanup();
  });

  const bullQueue = () => new Queue(QUEUE_NAME, { connection: redis, prefix: d.prefix });

  it('is selected by QUEUE=bullmq and reports no worker as offline', async () => {
    expect(d.ctx.queue).toBeInstanceOf(BullmqQueue);
    expect(await d.ctx.queue.workers()).toEqual({ mode: 'bullmq', status: 'offline', count: 0 });
  });

  it('removes a run still waiting in BullMQ from the queue and finalises it stopped; a worker never runs it', async () => {
    const run = await startRun(d.ctx, 'test_cooperative');
    const queue = bullQueue();
    try {
      const job = await queue.getJob(run.id);
      expect(job?.id).toBe(run.id);
      expect(await job?.getState()).toBe('waiting');

      await d.ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run.id, actor: user });
      // At once: no worker was involved.
      expect(await d.ctx.store.runs.get(run.id)).toMatchObject({
        status: 'stopped',
        stopped_by: 'user:admin',
      });
      expect(await queue.getJob(run.id)).toBeUndefined();

      const worker = await startWorker(d.config, { logger: silent, heartbeatMs: 1000 });
      workers.push(worker);
      await waitFor(async () => (await d.ctx.queue.workers()).status === 'online', {
        timeoutMs: 20_000,
        what: 'the worker online',
      });
      // Deliberate: gives the worker time to (wrongly) take the stopped run, which must not happen.
      await sleep(300);
      expect(await d.ctx.store.runs.get(run.id)).toMatchObject({ status: 'stopped', started_at: null });
      expect(worker.activePids()).toEqual([]);
    } finally {
      await queue.close();
    }
  });

  it('adds a queued run missing from the queue again at start (a lost enqueue)', async () => {
    const run = (await recordQueuedRun(d.ctx, { steps: 2, step_ms: 10 }))!;
    await (d.ctx.queue as BullmqQueue).recover({ requeueAll: true });
    workers.push(await startWorker(d.config, { logger: silent, heartbeatMs: 1000 }));
    expect((await finalRun(d.ctx, run.id)).status).toBe('succeeded');
  });

  it('at worker start, kills the orphaned run process of a dead worker of this host and interrupts its run', async () => {
    const run = (await recordQueuedRun(d.ctx))!;
    // Stands for a run process left behind: same command-line mark, its own process group.
    const orphan = spawn(
      process.execPath,
      ['-e', 'setInterval(() => {}, 1000)', `${RUN_PROCESS_MARK}orphan`],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    try {
      expect(
        await d.ctx.store.runs.markRunning(run.id, new Date().toISOString(), orphan.pid!, os.hostname()),
      ).toBe(true);
      workers.push(await startWorker(d.config, { logger: silent, heartbeatMs: 1000 }));
      expect(await d.ctx.store.runs.get(run.id)).toMatchObject({
        status: 'interrupted',
        error: { code: 'interrupted' },
      });
      await waitFor(() => !groupAlive(orphan.pid!), { timeoutMs: 10_000, what: 'the orphan to be killed' });
    } finally {
      if (orphan.exitCode === null) orphan.kill('SIGKILL');
    }
  });

  it('does not end a run that no worker claims in Redis while it still beats in the store (its keys lost, not its worker)', async () => {
    const run = (await recordQueuedRun(d.ctx))!;
    // Running on another machine, heartbeat fresh: only its worker's Redis keys are missing.
    expect(await d.ctx.store.runs.markRunning(run.id, new Date().toISOString(), 4242, 'other-host')).toBe(
      true,
    );
    await d.ctx.store.runs.heartbeat(run.id, new Date().toISOString());
    await d.ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run.id, actor: user });
    expect(await d.ctx.store.runs.get(run.id)).toMatchObject({
      status: 'stopping',
      stopped_by: 'user:admin',
    });
  });

  it('relays events between processes through Redis without echoing a process its own events', async () => {
    const channel = `${d.prefix}:events`;
    const [aBus, bBus] = [new EventBus(), new EventBus()];
    const conns = [
      connectRedis(REDIS_URL, 'commands'),
      connectRedis(REDIS_URL, 'subscriber'),
      connectRedis(REDIS_URL, 'subscriber'),
    ] as const;
    const a = new RedisBus({ bus: aBus, channel, publisher: conns[0], subscriber: conns[1] });
    const b = new RedisBus({ bus: bBus, channel, subscriber: conns[2] });
    try {
      await a.start();
      await b.start();
      await b.subscribed();
      await a.subscribed();
      const seenA: string[] = [];
      const seenB: string[] = [];
      aBus.on('status', (id) => seenA.push(id));
      bBus.on('status', (id) => seenB.push(id));
      aBus.emit('status', 'acc-1');
      await waitFor(() => seenB.length === 1, { timeoutMs: 20_000, what: 'the status event on bus B' });
      // Deliberate: proves no second (echoed) delivery arrives afterwards.
      await sleep(200);
      expect(seenA).toEqual(['acc-1']);
      expect(seenB).toEqual(['acc-1']);
    } finally {
      await a.close();
      await b.close();
      for (const c of conns) await closeRedis(c);
    }
  });

  describe('with a separate `worker` process', () => {
    let child: ChildProcess | undefined;
    let output = '';

    afterEach(() => {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child = undefined;
    });

    function spawnWorker(extraEnv: Record<string, string> = {}) {
      output = '';
      const proc = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli.ts'), 'worker'], {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '/tmp',
          LOG_LEVEL: 'warn',
          ...d.env,
          ...extraEnv,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      proc.stdout?.on('data', (c) => (output += c.toString()));
      proc.stderr?.on('data', (c) => (output += c.toString()));
      child = proc;
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        proc.once('exit', (code, signal) => resolve({ code, signal })),
      );
      return { proc, exited };
    }

    async function timedStop(run: Run): Promise<{ done: Run; ms: number }> {
      const t0 = performance.now();
      await d.ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run.id, actor: user });
      const done = await finalRun(d.ctx, run.id);
      return { done, ms: Math.round(performance.now() - t0) };
    }

    it('runs and really stops runs; on SIGTERM stops its runs and leaves', async () => {
      const { proc, exited } = spawnWorker();
      await waitFor(() => /worker \S+ ready/.test(output), {
        timeoutMs: 30_000,
        what: () => `worker ready:\n${output}`,
      });
      expect(await d.ctx.queue.workers()).toEqual({ mode: 'bullmq', status: 'online', count: 1 });

      // A cooperative stop: abort through Redis pub/sub → worker → run process.
      const coop = await startRun(d.ctx, 'test_cooperative');
      const coopActive = await runningRun(d.ctx, coop.id);
      await waitFor(async () => ((await d.ctx.store.runs.get(coop.id))?.messages_sent ?? 0) > 0, {
        timeoutMs: 20_000,
        what: `a message sent by ${coop.id}`,
      });
      const first = await timedStop(coop);
      expect(first.done).toMatchObject({ status: 'stopped', stopped_by: 'user:admin' });
      expect(isAlive(coopActive.pid!)).toBe(false);

      // A job deaf to the abort: its process group (and the helper in it) is killed after the grace.
      const deaf = await startRun(d.ctx, 'test_ignore_abort');
      const deafActive = await runningRun(d.ctx, deaf.id);
      const helperPid = Number(
        await waitFor(async () => (await d.ctx.store.runs.get(deaf.id))?.progress.step?.split(':')[1], {
          timeoutMs: 20_000,
          what: `the helper pid in the progress of ${deaf.id}`,
        }),
      );
      const second = await timedStop(deaf);
      expect(second.done).toMatchObject({ status: 'stopped', stopped_by: 'user:admin' });
      expect(groupAlive(deafActive.pid!)).toBe(false);
      expect(isAlive(helperPid)).toBe(false);
      console.info(
        `[bullmq] stop latency, separate worker process: cooperative ${first.ms} ms, abort-ignoring ${second.ms} ms (STOP_GRACE_MS ${d.config.stopGraceMs})`,
      );

      // SIGTERM: the worker stops what it runs, finalises it, removes its heartbeat, exits 0.
      const last = await startRun(d.ctx, 'test_cooperative');
      const lastActive = await runningRun(d.ctx, last.id);
      proc.kill('SIGTERM');
      expect((await exited).code).toBe(0);
      expect(await d.ctx.store.runs.get(last.id)).toMatchObject({ status: 'stopped', stopped_by: 'system' });
      expect(groupAlive(lastActive.pid!)).toBe(false);
      expect(await d.ctx.queue.workers()).toMatchObject({ status: 'offline', count: 0 });
    });

    it('after a kill -9 of the worker: a stop ends its orphaned run stopped at once, and the account can start again', async () => {
      // Default heartbeats: the dead worker's key still claims the run for a while.
      const { proc, exited } = spawnWorker();
      await waitFor(() => /worker \S+ ready/.test(output), {
        timeoutMs: 30_000,
        what: () => `worker ready:\n${output}`,
      });
      const run = await startRun(d.ctx, 'test_cooperative');
      await runningRun(d.ctx, run.id);
      proc.kill('SIGKILL');
      await exited;

      expect(
        await d.ctx.runService.stop({ accountId: DEFAULT_ACCOUNT_ID, runId: run.id, actor: user }),
      ).toEqual([run.id]);
      // At once: nobody waits for the heartbeat to age.
      expect(await d.ctx.store.runs.get(run.id)).toMatchObject({
        status: 'stopped',
        stopped_by: 'user:admin',
      });

      const next = await startRun(d.ctx, 'test_cooperative', { steps: 1, step_ms: 1 });
      workers.push(await startWorker(d.config, { logger: silent, heartbeatMs: 1000 }));
      expect((await finalRun(d.ctx, next.id)).status).toBe('succeeded');
      expect(await d.ctx.store.runs.get(run.id)).toMatchObject({ status: 'stopped' });
    }, 120_000);

    it('after a kill -9 of the worker: the run process group goes, the server interrupts the run', async () => {
      const { proc, exited } = spawnWorker({ LBB_WORKER_HEARTBEAT_MS: '500', LBB_HEARTBEAT_MS: '500' });
      await waitFor(() => /worker \S+ ready/.test(output), {
        timeoutMs: 30_000,
        what: () => `worker ready:\n${output}`,
      });
      const run = await startRun(d.ctx, 'test_ignore_abort');
      const active = await runningRun(d.ctx, run.id);
      const helperPid = Number(
        await waitFor(async () => (await d.ctx.store.runs.get(run.id))?.progress.step?.split(':')[1], {
          timeoutMs: 20_000,
          what: `the helper pid in the progress of ${run.id}`,
        }),
      );
      proc.kill('SIGKILL');
      await exited;
      // Without its worker the run process aborts, then leaves with its whole group.
      await waitFor(() => !groupAlive(active.pid!), {
        timeoutMs: 15_000,
        what: 'the orphaned run process group to go',
      });
      expect(isAlive(helperPid)).toBe(false);

      // The server's periodic check (here with a short staleness) finds the dead worker's run.
      const server = new BullmqQueue({
        store: d.ctx.store,
        lifecycle: d.ctx.lifecycle,
        bus: d.ctx.bus,
        logger: silent,
        redisUrl: REDIS_URL,
        prefix: d.prefix,
        staleAfterMs: 2_000,
      });
      try {
        const done = await waitFor(
          async () => {
            await server.recover();
            const r = await d.ctx.store.runs.get(run.id);
            return r?.status === 'interrupted' ? r : null;
          },
          { timeoutMs: 30_000, what: 'the run to be interrupted' },
        );
        expect(done.error?.code).toBe('interrupted');
      } finally {
        await server.close();
      }
      // The account is free again.
      workers.push(await startWorker(d.config, { logger: silent, heartbeatMs: 1000 }));
      const next = await startRun(d.ctx, 'test_cooperative', { steps: 1, step_ms: 1 });
      expect((await finalRun(d.ctx, next.id)).status).toBe('succeeded');
    });
  });
});
