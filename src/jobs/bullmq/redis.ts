/**
 * Redis names and helpers shared by the distributed server side (BullmqQueue) and the
 * workers. Everything lives under one configurable prefix (QUEUE_PREFIX):
 *
 *   <prefix>:runs:*              the BullMQ queue (job id = run id)
 *   <prefix>:stop                pub/sub: stop commands, every worker listens
 *   <prefix>:events              pub/sub: run/log/status events from the workers
 *   <prefix>:workers:<workerId>  heartbeat of a live worker (TTL), with the runs it holds
 */
import { Redis } from 'ioredis';

export const QUEUE_NAME = 'runs';

export interface RunJobData {
  runId: string;
  accountId: string;
}

/** A stop command: the worker holding `runId` aborts it. */
export interface StopCommand {
  runId: string;
  by: string;
}

/** The value of a worker's heartbeat key. */
export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  started_at: string;
  concurrency: number;
  /** Ids of the runs this worker runs now (its claim on them). */
  runs: string[];
  /**
   * When this stretch of heartbeats began: the worker's start, or its first beat after a gap
   * its key may have expired in. Names one outage of the worker for `worker_offline`, the
   * same for every server (absent from workers of an older version).
   */
  up_since?: string;
  /** When this beat was written. */
  beat_at?: string;
}

export const redisNames = (prefix: string) => ({
  stopChannel: `${prefix}:stop`,
  eventsChannel: `${prefix}:events`,
  workerKey: (workerId: string) => `${prefix}:workers:${workerId}`,
  workerPattern: `${prefix}:workers:*`,
});

/** Tells every worker to stop a run: the one holding it aborts it. */
export async function publishStop(redis: Redis, prefix: string, command: StopCommand): Promise<void> {
  await redis.publish(redisNames(prefix).stopChannel, JSON.stringify(command));
}

/**
 * Calls `onStop` for each stop command `subscriber` receives (subscribe it to the stop
 * channel with subscribeWhenReady); a message that is not one, or an `onStop` that throws,
 * goes to `onBad`.
 */
export function onStopCommand(
  subscriber: Redis,
  prefix: string,
  onStop: (command: StopCommand) => void,
  onBad: (err: unknown) => void,
): void {
  const { stopChannel } = redisNames(prefix);
  subscriber.on('message', (channel, message) => {
    if (channel !== stopChannel) return;
    try {
      onStop(JSON.parse(message) as StopCommand);
    } catch (err) {
      onBad(err);
    }
  });
}

export type RedisRole = 'request' | 'commands' | 'subscriber' | 'bullmq';

/** A command on the server's request path gets this long once sent (a half-dead socket). */
const REQUEST_COMMAND_TIMEOUT_MS = 1500;

/**
 * A connection. BullMQ workers need `maxRetriesPerRequest: null` (blocking commands);
 * plain commands fail fast instead. `request` (the server's queue and status lookups) also
 * refuses to queue commands while Redis is away: an HTTP request gets its answer at once
 * instead of waiting for a reconnection (BullMQ's "failing fast when Redis is down").
 */
export function connectRedis(url: string, role: RedisRole): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'commands' || role === 'request' ? 2 : null,
    connectionName: `lbb-${role}`,
    // Subscriptions are made on each 'ready' (subscribeWhenReady), never queued before it.
    autoResubscribe: role !== 'subscriber',
    ...(role === 'request' ? { enableOfflineQueue: false, commandTimeout: REQUEST_COMMAND_TIMEOUT_MS } : {}),
  });
  // Reconnection is ioredis's job; an unhandled 'error' event would crash the process. An
  // outage is logged once by watchOutages, not once per reconnection attempt.
  redis.on('error', () => {});
  return redis;
}

/** Resolves once `redis` is ready (a fresh connection refuses commands before), or rejects after `ms`. */
export function whenReady(redis: Redis, ms: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const onEnd = () => done(new Error('redis connection closed'));
    const timer = setTimeout(() => done(new Error(`redis connection: no answer within ${ms} ms`)), ms);
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}

/** What watchOutages tells about a connection kind. */
export interface OutageWatch {
  /** True from a lost connection until it is ready again. */
  readonly down: boolean;
  off(): void;
}

/**
 * Logs an outage of a connection once when it starts (a warning, no stack) and once when
 * it ends (with its duration), instead of one line per failed command or reconnection
 * attempt. `onRestored` runs at each reconnection after an outage.
 */
export function watchOutages(
  redis: Redis,
  kind: string,
  logger: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
  onRestored?: () => void,
): OutageWatch {
  let wasReady = redis.status === 'ready';
  let downSince: number | null = null;
  const onReady = () => {
    if (downSince !== null) {
      logger.info({ connection: kind, down_ms: Date.now() - downSince }, 'Redis reachable again');
      downSince = null;
      onRestored?.();
    }
    wasReady = true;
  };
  const onLost = () => {
    if (!wasReady || downSince !== null) return;
    downSince = Date.now();
    logger.warn({ connection: kind }, 'Redis unreachable: retrying in the background');
  };
  redis.on('ready', onReady);
  // 'reconnecting', not 'close': a connection closed on purpose is no outage.
  redis.on('reconnecting', onLost);
  return {
    get down() {
      return downSince !== null || redis.status !== 'ready';
    },
    off() {
      redis.off('ready', onReady);
      redis.off('reconnecting', onLost);
    },
  };
}

export interface Subscription {
  /** Resolves once subscribed for the first time. */
  ready: Promise<void>;
  off(): void;
}

/**
 * Subscribes to `channel` each time the connection is ready: at connect and after every
 * reconnection (then `onResubscribed` runs: what was published meanwhile was missed). (A
 * SUBSCRIBE sent while ioredis still runs its ready check can be lost: the connection then
 * silently receives nothing.)
 */
export function subscribeWhenReady(
  redis: Redis,
  channel: string,
  onError?: (err: unknown) => void,
  onResubscribed?: () => void,
): Subscription {
  let onReady = () => {};
  let subscribedOnce = false;
  const ready = new Promise<void>((resolve) => {
    onReady = () => {
      redis.subscribe(channel).then(
        () => {
          if (subscribedOnce) onResubscribed?.();
          subscribedOnce = true;
          resolve();
        },
        (err: unknown) => onError?.(err),
      );
    };
  });
  redis.on('ready', onReady);
  if (redis.status === 'ready') onReady();
  return {
    ready,
    off: () => {
      redis.off('ready', onReady);
    },
  };
}

/** Resolves with `promise`, or rejects after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Live workers: their heartbeat keys have not expired. */
export async function liveWorkers(redis: Redis, prefix: string): Promise<WorkerBeat[]> {
  const names = redisNames(prefix);
  const keys = new Set<string>();
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', names.workerPattern, 'COUNT', 200);
    cursor = next;
    for (const key of batch) keys.add(key);
  } while (cursor !== '0');
  if (keys.size === 0) return [];
  const values = await redis.mget(...keys);
  const beats: WorkerBeat[] = [];
  for (const value of values) {
    if (!value) continue; // expired between SCAN and MGET
    try {
      beats.push(JSON.parse(value) as WorkerBeat);
    } catch {
      // A foreign or corrupt key: not a worker.
    }
  }
  return beats;
}

/** Deletes every key under the prefix (tests). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let removed = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (batch.length > 0) removed += await redis.del(...batch);
  } while (cursor !== '0');
  return removed;
}

/** Closes a connection, politely when it is up, at once otherwise. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  if (redis.status === 'ready') {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}

const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/**
 * An error that only says Redis is away (refused, reset, closed, not writeable, timed
 * out, retries exhausted): the outage is logged once by watchOutages, not per error.
 */
export function isConnectionError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as NodeJS.ErrnoException).code;
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return (
    err.name === 'MaxRetriesPerRequestError' ||
    /Connection is closed|Stream isn't writeable|Command timed out|no answer within|Redis unreachable/i.test(
      err.message,
    )
  );
}
