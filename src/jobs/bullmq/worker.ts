/**
 * The BullMQ side of a distributed-mode worker (composed by `src/processes/worker.ts`):
 * takes runs from the BullMQ queue and runs each in its own process group through a
 * RunSupervisor, publishes the lifecycle's events to Redis for the server's SSE,
 * heartbeats in Redis, and obeys stop commands.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { type Job, WaitingError, Worker } from 'bullmq';
import type { RunConfig } from '../../bots/runContext.ts';
import type { Clock } from '../../clock.ts';
import type { EventBus } from '../../events.ts';
import type { Logger } from '../../logger.ts';
import { interruptOrphans } from '../../runner/orphans.ts';
import { isAlive } from '../../runner/processGroup.ts';
import { RunSupervisor } from '../../runner/runSupervisor.ts';
import type { Store } from '../../store/interfaces.ts';
import type { RunLifecycle } from '../lifecycle.ts';
import {
  closeRedis,
  connectRedis,
  isConnectionError,
  liveWorkers,
  onStopCommand,
  QUEUE_NAME,
  type RunJobData,
  redisNames,
  subscribeWhenReady,
  type WorkerBeat,
  watchOutages,
} from './redis.ts';
import { RedisBus } from './redisBus.ts';

export interface BullmqWorkerOptions {
  store: Store;
  /** The worker's one recorder of run state (its bus is bridged to Redis). */
  lifecycle: RunLifecycle;
  bus: EventBus;
  logger: Logger;
  clock: Clock;
  redisUrl: string;
  /** QUEUE_PREFIX. */
  prefix: string;
  processConfig: RunConfig;
  stopGraceMs: number;
  /** Runs at once; default: the number of accounts (at least 1), one run per account. */
  concurrency?: number;
  /** Heartbeat period in Redis; the key lives three periods. */
  heartbeatMs?: number;
}

export interface RunningWorker {
  readonly id: string;
  readonly host: string;
  readonly concurrency: number;
  /** Pids of the run processes in progress. */
  activePids(): number[];
  /** Stops taking runs, stops the runs in progress (by `system`), leaves. Idempotent. */
  close(): Promise<void>;
}

/** Takes runs until closed; closing leaves the store to its owner. */
export async function startBullmqWorker(opts: BullmqWorkerOptions): Promise<RunningWorker> {
  const { store, lifecycle, bus, logger, clock } = opts;
  const heartbeatMs = opts.heartbeatMs ?? Number(process.env.LBB_WORKER_HEARTBEAT_MS ?? 5000);
  const host = os.hostname();
  const id = `${host}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const names = redisNames(opts.prefix);

  const redis = connectRedis(opts.redisUrl, 'commands');
  const subscriber = connectRedis(opts.redisUrl, 'subscriber');
  const bullConnection = connectRedis(opts.redisUrl, 'bullmq');
  // One line when an outage starts and one when it ends, per connection, never one per error.
  const outages = [
    watchOutages(redis, 'commands', logger),
    watchOutages(subscriber, 'stop commands', logger),
    watchOutages(bullConnection, 'queue', logger),
  ];
  const warnUnlessOutage = (msg: string) => (err: unknown) => {
    if (!isConnectionError(err)) logger.warn({ err }, msg);
  };
  const releaseAll = async () => {
    for (const o of outages) o.off();
    await Promise.all([closeRedis(redis), closeRedis(subscriber), closeRedis(bullConnection)]);
  };

  try {
    const bridge = new RedisBus({
      bus,
      channel: names.eventsChannel,
      publisher: redis,
      onError: warnUnlessOutage('event publish failed'),
    });
    await bridge.start();

    const accounts = (await store.accounts.list()).length;
    const concurrency = opts.concurrency ?? Math.max(1, accounts);
    const startedAt = clock.now().toISOString();
    let closing = false;
    let closed = false;

    let upSince = startedAt;
    let lastBeatMs = clock.now().getTime();
    const beat = async () => {
      const now = clock.now();
      // A gap its key may have expired in: the servers took this worker for gone, a new stretch begins.
      if (now.getTime() - lastBeatMs >= heartbeatMs * 3) upSince = now.toISOString();
      const value: WorkerBeat = {
        id,
        host,
        pid: process.pid,
        started_at: startedAt,
        concurrency,
        runs: supervisor.activeRuns().map((r) => r.id),
        up_since: upSince,
        beat_at: now.toISOString(),
      };
      await redis.set(names.workerKey(id), JSON.stringify(value), 'PX', heartbeatMs * 3);
      lastBeatMs = now.getTime();
    };

    const supervisor: RunSupervisor = new RunSupervisor({
      lifecycle,
      logger,
      processConfig: opts.processConfig,
      stopGraceMs: opts.stopGraceMs,
      host,
      // The claim on a run is in Redis before the run is marked running.
      onChange: () => (closed ? undefined : beat()),
    });

    await recoverOwnRuns({ store, lifecycle, logger, redis, prefix: opts.prefix, host });

    // Stop commands: the worker holding the run aborts it.
    onStopCommand(
      subscriber,
      opts.prefix,
      (command) => {
        if (supervisor.stop(command.runId, command.by)) {
          logger.info({ runId: command.runId, by: command.by }, 'stopping run');
        }
      },
      (err) => logger.warn({ err }, 'bad stop command'),
    );
    const stopSubscription = subscribeWhenReady(subscriber, names.stopChannel, (err) =>
      logger.warn({ err }, 'stop channel subscription failed'),
    );
    // No run is taken before stop commands can reach this worker.
    await stopSubscription.ready;

    /** A stop command missed (pub/sub is at most once) is caught from the store's state. */
    const checkStops = async () => {
      for (const run of supervisor.activeRuns()) {
        if (supervisor.stopRequested(run.id)) continue;
        const current = await store.runs.get(run.id);
        // Stopping (a missed command), or finalised by someone else (the server's recovery).
        if (!current || !['queued', 'running'].includes(current.status)) {
          supervisor.stop(run.id, current?.stopped_by ?? 'system');
        }
      }
    };

    await beat();
    const tick = setInterval(() => {
      beat().catch(warnUnlessOutage('worker heartbeat failed'));
      checkStops().catch((err) => logger.warn({ err }, 'worker stop check failed'));
    }, heartbeatMs);
    tick.unref();

    const processor = async (job: Job<RunJobData>, token?: string) => {
      const run = await store.runs.get(job.data.runId);
      if (closing || supervisor.isClosed) {
        // Shutting down: hand the job back for another worker (or this one after a restart).
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (!run) return;
      if (run.status !== 'queued') {
        // Stopped before any worker started it: finalise it (nobody else will).
        if (run.status === 'stopping' && !run.started_at) await lifecycle.stoppedBeforeStart(run);
        // Otherwise another worker has it, or had it and died (the server recovers it).
        return;
      }
      const handle = await supervisor.launch(run);
      logger.info({ runId: run.id, type: run.type, pid: handle.pid }, 'run started');
      await handle.finished;
      logger.info({ runId: run.id }, 'run finished');
    };

    const worker = new Worker<RunJobData>(QUEUE_NAME, processor, {
      connection: bullConnection,
      prefix: opts.prefix,
      concurrency,
      autorun: true,
    });
    worker.on('error', warnUnlessOutage('bullmq worker error'));
    await worker.waitUntilReady();

    let closingPromise: Promise<void> | undefined;
    return {
      id,
      host,
      concurrency,
      activePids: () => supervisor.activePids(),
      close() {
        closingPromise ??= (async () => {
          closing = true;
          logger.info({ workerId: id, runs: supervisor.activeRuns().length }, 'worker shutting down');
          const workerClosed = worker.close();
          await supervisor.close('system');
          await workerClosed.catch((err) => logger.warn({ err }, 'bullmq worker close failed'));
          closed = true;
          clearInterval(tick);
          await redis.del(names.workerKey(id)).catch(() => {});
          stopSubscription.off();
          await subscriber.unsubscribe(names.stopChannel).catch(() => {});
          await bridge.close();
          await releaseAll();
        })();
        return closingPromise;
      },
    };
  } catch (err) {
    await releaseAll().catch(() => {});
    throw err;
  }
}

/**
 * At start: runs recorded on this host whose worker is gone (a crash, a kill -9) and that
 * no live worker claims → their orphaned process group is killed, the run interrupted.
 */
async function recoverOwnRuns(deps: {
  store: Store;
  lifecycle: RunLifecycle;
  logger: Logger;
  redis: ReturnType<typeof connectRedis>;
  prefix: string;
  host: string;
}): Promise<void> {
  const { store, lifecycle, logger, redis, prefix, host } = deps;
  const mine = (await store.runs.listActive()).filter(
    (r) => r.host === host && (r.status === 'running' || r.status === 'stopping'),
  );
  if (mine.length === 0) return;
  // A worker of this host that died keeps its heartbeat key until it expires: check its pid.
  const workers = (await liveWorkers(redis, prefix)).filter((w) => w.host !== host || isAlive(w.pid));
  const claimed = new Set(workers.flatMap((w) => w.runs));
  await interruptOrphans(
    mine.filter((run) => !claimed.has(run.id)),
    {
      lifecycle,
      logger,
      host,
      message: 'The worker running this run died',
      note: 'marked run interrupted (left active by a previous worker on this host)',
    },
  );
}
