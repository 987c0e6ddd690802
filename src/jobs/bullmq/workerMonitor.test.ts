import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, TestClock, type TestStore } from '../../bots/testing/context.ts';
import { DEFAULT_ACCOUNT_ID } from '../../domain.ts';
import { closeRedis, connectRedis, deleteKeys, liveWorkers, redisNames, type WorkerBeat } from './redis.ts';
import { WorkerOfflineMonitor } from './workerMonitor.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The worker_offline monitor over the machine's Redis (a prefix of its own) and a real
 * store: heartbeat keys are written as workers write them, and expire as theirs do.
 */
describe('WorkerOfflineMonitor', () => {
  let redis: Redis;
  let db: TestStore;
  const prefix = `lbb-test-wmon-${randomBytes(4).toString('hex')}`;
  const clock = new TestClock('2026-06-15T10:00:00.000Z');
  const warnings: unknown[] = [];
  const logger = { warn: (obj: unknown) => warnings.push(obj) };

  beforeAll(async () => {
    redis = connectRedis(REDIS_URL, 'commands');
    db = await createTestStore();
  });
  afterAll(async () => {
    await deleteKeys(redis, prefix);
    await closeRedis(redis);
    await db.close();
  });

  const monitor = () =>
    new WorkerOfflineMonitor({
      store: db.store,
      clock,
      logger,
      liveWorkers: () => liveWorkers(redis, prefix),
    });
  const beat = (id: string, upSince: string, ttlMs = 60_000) => {
    const value: WorkerBeat = {
      id,
      host: 'box-1',
      pid: 4242,
      started_at: '2026-06-15T09:00:00.000Z',
      concurrency: 1,
      runs: [],
      up_since: upSince,
      beat_at: clock.now().toISOString(),
    };
    return redis.set(redisNames(prefix).workerKey(id), JSON.stringify(value), 'PX', ttlMs);
  };
  const gone = (id: string) => redis.del(redisNames(prefix).workerKey(id));
  const offline = async () =>
    (await db.store.notifications.undispatchedEvents(100)).filter((e) => e.event === 'worker_offline');

  it('two servers watching record one worker_offline per worker and outage', async () => {
    const servers = [monitor(), monitor()];
    const look = () => Promise.all(servers.map((s) => s.check()));
    await beat('w1', '2026-06-15T09:00:00.000Z');
    await beat('w2', '2026-06-15T09:00:00.000Z');
    await look();
    clock.advance(5_000);
    await beat('w1', '2026-06-15T09:00:00.000Z'); // its last beat
    await look();
    expect(await offline()).toEqual([]);

    clock.advance(30_000);
    await gone('w1');
    await look();
    await look();
    expect(await offline()).toEqual([
      expect.objectContaining({
        account_id: DEFAULT_ACCOUNT_ID,
        dedup_key: 'worker_offline:w1:2026-06-15T09:00:00.000Z',
        data: { worker_id: 'w1', last_seen_at: '2026-06-15T10:00:05.000Z', host: 'box-1' },
      }),
    ]);

    // Back after the outage (a new stretch of beats), then gone again: another outage.
    clock.advance(60_000);
    await beat('w1', clock.now().toISOString());
    await look();
    await gone('w1');
    await look();
    expect((await offline()).map((e) => e.dedup_key)).toEqual([
      'worker_offline:w1:2026-06-15T09:00:00.000Z',
      'worker_offline:w1:2026-06-15T10:01:35.000Z',
    ]);
  });

  it('a worker whose heartbeat key expires is offline; Redis unable to tell is no outage', async () => {
    let redisAway = false;
    const server = new WorkerOfflineMonitor({
      store: db.store,
      clock,
      logger,
      liveWorkers: () =>
        redisAway ? Promise.reject(new Error('Redis unreachable')) : liveWorkers(redis, prefix),
    });
    await beat('w3', '2026-06-15T09:30:00.000Z', 300);
    await server.check();
    redisAway = true;
    await new Promise((resolve) => setTimeout(resolve, 600));
    await server.check();
    const ofW3 = async () => (await offline()).filter((e) => e.data.worker_id === 'w3');
    expect(await ofW3()).toEqual([]);
    redisAway = false;
    await server.check();
    expect(await ofW3()).toMatchObject([{ dedup_key: 'worker_offline:w3:2026-06-15T09:30:00.000Z' }]);
    expect(warnings).toEqual([]);
  });
});
