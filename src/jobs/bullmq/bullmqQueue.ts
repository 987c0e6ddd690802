import os from 'node:os';
import { type Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isActiveStatus, type Run, STALE_HEARTBEAT_MS } from '../../domain.ts';
import type { EventBus } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import { interruptOrphans } from '../../runner/orphans.ts';
import { isAlive, killTree } from '../../runner/processGroup.ts';
import { isRunProcess } from '../../runner/runSupervisor.ts';
import type { Store } from '../../store/interfaces.ts';
import type { RunQueue, WorkerInfo } from '../interfaces.ts';
import type { RunLifecycle } from '../lifecycle.ts';
import {
  closeRedis,
  connectRedis,
  isConnectionError,
  liveWorkers,
  type OutageWatch,
  publishStop,
  QUEUE_NAME,
  type RunJobData,
  redisNames,
  watchOutages,
  whenReady,
  withTimeout,
} from './redis.ts';
import { RedisBus } from './redisBus.ts';

const DEFAULT_RECOVERY_INTERVAL_MS = 10_000;
/** A queued run without a BullMQ job for this long is enqueued again (lost add, worker shutdown). */
const REQUEUE_AFTER_MS = 5_000;
/** Bound of the Redis lookups of a request (status, stop) while the connection looks up. */
const WORKERS_TIMEOUT_MS = 2_000;
/** Two run heartbeats missed: a worker on another machine that claims the run is taken for dead. */
const OWNER_SILENT_MS = 10_000;
const START_TIMEOUT_MS = 10_000;
const WAITING_STATES = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

export interface BullmqQueueOptions {
  store: Store;
  lifecycle: RunLifecycle;
  /** The server's bus: worker events are re-emitted on it. */
  bus: EventBus;
  logger: Logger;
  redisUrl: string;
  /** Prefix of every Redis key and channel (QUEUE_PREFIX). */
  prefix: string;
  staleAfterMs?: number;
  recoveryIntervalMs?: number;
}

/** Options of every run job: the run row is the record, the job only a token of work. */
export const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true, attempts: 1 } as const;

/**
 * Distributed adapter, server side. Runs execute on `worker` processes (anywhere) that
 * take them from a BullMQ queue in Redis; PostgreSQL is the shared store. A stop is a
 * command on a pub/sub channel every worker listens to: the worker holding the run aborts
 * it through its RunSupervisor (then kills its process group), because only the process
 * that runs the browser can really stop it.
 */
export class BullmqQueue implements RunQueue {
  readonly mode = 'bullmq' as const;
  private readonly names: ReturnType<typeof redisNames>;
  private connections?: {
    redis: Redis;
    subscriber: Redis;
    queue: Queue<RunJobData>;
    bridge: RedisBus;
    outages: OutageWatch[];
  };
  private timer?: NodeJS.Timeout;
  private recovering: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly opts: BullmqQueueOptions) {
    this.names = redisNames(opts.prefix);
  }

  /** Connects on first use: a CLI command that never queues anything never touches Redis. */
  private conn() {
    if (this.closed) throw new Error('queue is closed');
    if (!this.connections) {
      const { logger, bus } = this.opts;
      const redis = connectRedis(this.opts.redisUrl, 'request');
      const subscriber = connectRedis(this.opts.redisUrl, 'subscriber');
      const outages = [watchOutages(redis, 'queue', logger), watchOutages(subscriber, 'events', logger)];
      const queue = new Queue<RunJobData>(QUEUE_NAME, { connection: redis, prefix: this.opts.prefix });
      // An outage is logged once (watchOutages), not once per failed command.
      queue.on('error', (err) => {
        if (!isConnectionError(err)) logger.warn({ err }, 'bullmq queue error');
      });
      const bridge = new RedisBus({
        bus,
        channel: this.names.eventsChannel,
        subscriber,
        onError: (err) => {
          if (!isConnectionError(err)) logger.warn({ err }, 'event relay failed');
        },
        // Run ends and counters relayed during the outage were missed: streams refresh.
        onResubscribed: () => bus.emit('resync'),
      });
      this.connections = { redis, subscriber, queue, bridge, outages };
    }
    return this.connections;
  }

  async start(): Promise<void> {
    const { logger } = this.opts;
    const { bridge, redis } = this.conn();
    await bridge.start();
    // Redis down at start: the server still starts (health says the queue is down) and
    // catches up once Redis answers (subscription on reconnect, periodic recovery).
    try {
      await withTimeout(
        Promise.all([bridge.subscribed(), whenReady(redis, START_TIMEOUT_MS)]),
        START_TIMEOUT_MS,
        'redis connection',
      );
      await this.recover({ requeueAll: true });
    } catch (err) {
      logger.error({ err: String(err) }, 'distributed queue: Redis not ready at start, will retry');
    }
    this.timer = setInterval(() => {
      this.recover().catch((err) => {
        // Redis away: the outage is logged once, the recovery runs again once it is back.
        if (!(this.redisDown() && isConnectionError(err)))
          this.opts.logger.error({ err }, 'run recovery failed');
      });
    }, this.opts.recoveryIntervalMs ?? DEFAULT_RECOVERY_INTERVAL_MS);
    this.timer.unref();
  }

  async enqueue(run: Run): Promise<void> {
    try {
      await this.add(run);
    } catch (err) {
      // The run stays queued in the store; the recovery adds it again once Redis answers.
      this.opts.logger.warn(
        { runId: run.id, err: String(err) },
        'could not add the run to the queue: added again once Redis answers',
      );
    }
  }

  private async add(run: Pick<Run, 'id' | 'account_id' | 'type'>): Promise<void> {
    // jobId = run id: adding a run that is already in the queue is a no-op.
    await this.conn().queue.add(
      run.type,
      { runId: run.id, accountId: run.account_id },
      {
        ...JOB_OPTIONS,
        jobId: run.id,
      },
    );
  }

  /** True while the server's connection to Redis is lost (or not made yet). */
  private redisDown(): boolean {
    return !this.connections || this.connections.outages.some((o) => o.down);
  }

  /**
   * The stop is recorded (`stopping`) before this is called, and workers also poll the
   * store for it: when Redis is away the command is not sent and the stop still happens.
   */
  async stop(run: Run, stoppedBy: string): Promise<void> {
    if (!isActiveStatus(run.status)) return;
    const where = await this.takeBack(run.id);
    if (where === 'removed' || (where === 'missing' && !run.started_at)) {
      // Waiting in the queue, or in no queue and never started: no process holds it.
      await this.opts.lifecycle.stoppedBeforeStart(run, stoppedBy);
      return;
    }
    if (run.started_at && (await this.ownerGone(run))) {
      // Its worker died (a crash): nobody would obey the command, the stop ends it now.
      await this.stoppedOrphan(run, stoppedBy);
      return;
    }
    // A worker holds it (or may still: a job lost while its run goes on): tell them all.
    try {
      if (this.redisDown()) throw new Error('Redis unreachable');
      await withTimeout(
        publishStop(this.conn().redis, this.opts.prefix, { runId: run.id, by: stoppedBy }),
        WORKERS_TIMEOUT_MS,
        'stop command',
      );
    } catch (err) {
      this.opts.logger.info(
        { runId: run.id, err: String(err) },
        'stop command not sent: the worker finds the stop in the store',
      );
    }
  }

  /**
   * Whether the worker that ran `run` is gone: the one that claims it is a dead process of
   * this machine (its heartbeat key outlives it a little); or none claims it and the run's
   * process on this machine is gone; or the run has been silent in the store for two run
   * heartbeats. Unknown (Redis away): false.
   */
  private async ownerGone(run: Run): Promise<boolean> {
    if (this.redisDown()) return false;
    let workers: Awaited<ReturnType<typeof liveWorkers>>;
    try {
      workers = await withTimeout(
        liveWorkers(this.conn().redis, this.opts.prefix),
        WORKERS_TIMEOUT_MS,
        'redis',
      );
    } catch {
      return false;
    }
    const owner = workers.find((w) => w.runs.includes(run.id));
    if (owner && owner.host === os.hostname()) return !isAlive(owner.pid);
    // No claim: the worker may be gone, or only its Redis keys (Redis restarted empty, or the
    // worker's link to it dropped). A run process of this machine that is gone settles it;
    // otherwise only the run's own silence in the store does, as for another machine's worker.
    if (!owner && run.host === os.hostname() && run.pid && !isRunProcess(run.pid)) return true;
    const last = Date.parse(run.heartbeat_at ?? run.started_at ?? run.queued_at);
    return Date.now() - last > OWNER_SILENT_MS;
  }

  /**
   * Final `stopped` for a run whose worker is gone. Conditional (the lifecycle's finish):
   * a worker that recorded the run's end first keeps it.
   */
  private async stoppedOrphan(run: Run, stoppedBy: string): Promise<void> {
    // Its run process leaves by itself without its worker; one of this machine is made sure of.
    if (run.host === os.hostname() && run.pid && isRunProcess(run.pid)) killTree(run.pid);
    await this.opts.lifecycle.finish(run, { status: 'stopped', stopped_by: run.stopped_by ?? stoppedBy });
    this.opts.logger.warn({ runId: run.id, host: run.host }, 'stopped a run whose worker is gone');
  }

  /**
   * Removes the run's job from the queue if it is still waiting there. `held` when a worker
   * has it (removal fails on a job a worker locked), `missing` when the queue has no job.
   */
  private async takeBack(runId: string): Promise<'removed' | 'missing' | 'held'> {
    let job: Job<RunJobData> | undefined;
    try {
      if (this.redisDown()) return 'held';
      job = await withTimeout(this.conn().queue.getJob(runId), WORKERS_TIMEOUT_MS, 'redis');
    } catch (err) {
      this.opts.logger.warn({ runId, err: String(err) }, 'could not look the run up in the queue');
      return 'held';
    }
    if (!job) return 'missing';
    const state = await withTimeout(job.getState(), WORKERS_TIMEOUT_MS, 'redis').catch(() => 'unknown');
    if (state === 'completed' || state === 'failed' || state === 'unknown') return 'missing';
    if (!WAITING_STATES.has(state)) return 'held';
    try {
      await job.remove();
      return 'removed';
    } catch {
      return 'held'; // a worker took it in the meantime
    }
  }

  async workers(): Promise<WorkerInfo> {
    let count = 0;
    try {
      // Redis away: offline at once, the status comes from the store without waiting.
      if (this.redisDown()) throw new Error('Redis unreachable');
      const { redis } = this.conn();
      count = (await withTimeout(liveWorkers(redis, this.opts.prefix), WORKERS_TIMEOUT_MS, 'redis')).length;
    } catch {
      count = 0;
    }
    return { mode: 'bullmq', status: count > 0 ? 'online' : 'offline', count };
  }

  /**
   * Runs whose worker died: running/stopping, no heartbeat for `staleAfterMs`, claimed by
   * no live worker → interrupted. Queued runs missing from the queue are added again.
   * Coalesces concurrent calls.
   */
  recover(opts: { requeueAll?: boolean } = {}): Promise<void> {
    this.recovering ??= this.recoverOnce(opts).finally(() => {
      this.recovering = null;
    });
    return this.recovering;
  }

  private async recoverOnce(opts: { requeueAll?: boolean }): Promise<void> {
    if (this.closed) return;
    const { store, lifecycle, logger } = this.opts;
    const active = await store.runs.listActive();
    if (active.length === 0) return;
    const { redis, queue } = this.conn();
    // A connection just made (a recovery before start) is waited for, briefly: a lost one fails it.
    await whenReady(redis, WORKERS_TIMEOUT_MS);
    const claimed = new Set((await liveWorkers(redis, this.opts.prefix)).flatMap((w) => w.runs));
    const staleAfterMs = this.opts.staleAfterMs ?? STALE_HEARTBEAT_MS;
    const now = Date.now();
    for (const run of active) {
      if (this.closed) return;
      if (claimed.has(run.id)) continue;
      if (run.status === 'queued') {
        if (!opts.requeueAll && now - Date.parse(run.queued_at) < REQUEUE_AFTER_MS) continue;
        if (!(await queue.getJob(run.id))) {
          logger.warn({ runId: run.id }, 'queued run missing from the queue: adding it again');
          await this.add(run);
        }
        continue;
      }
      if (!run.started_at) {
        // Stopping before any worker started it: if no worker holds it, nothing ever will.
        if ((await this.takeBack(run.id)) !== 'held') await lifecycle.stoppedBeforeStart(run);
        continue;
      }
      // A stop asked while its worker was dying or Redis was away: the stop ends it.
      if (run.status === 'stopping' && (await this.ownerGone(run))) {
        await this.stoppedOrphan(run, run.stopped_by ?? 'system');
        continue;
      }
      const last = Date.parse(run.heartbeat_at ?? run.started_at ?? run.queued_at);
      if (now - last < staleAfterMs) continue;
      // On another machine, maybe: its process is not this one's to kill.
      await interruptOrphans([run], {
        lifecycle,
        logger,
        message: `The worker running this run went away (no heartbeat for ${Math.round((now - last) / 1000)} s)`,
        note: 'marked run interrupted (its worker is gone)',
      });
    }
  }

  /**
   * Stops listening. The runs in progress belong to the workers and go on: a server
   * restart does not stop them.
   */
  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.recovering?.catch(() => {});
    this.closed = true;
    const c = this.connections;
    if (!c) return;
    for (const o of c.outages) o.off();
    await c.bridge.close();
    await c.queue.close().catch(() => {});
    await Promise.all([closeRedis(c.redis), closeRedis(c.subscriber)]);
  }
}
