/**
 * Two real server processes in distributed mode (QUEUE=bullmq) on one PostgreSQL schema:
 * both run a sender, the lease lets one send, and each notification reaches the receiver
 * once, also when one server shuts down half-way.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRedis, connectRedis, deleteKeys } from '../../src/jobs/bullmq/redis.ts';
import { verifyWebhookSignature } from '../../src/notify/channels/webhook.ts';
import { createStore, dropPgSchema } from '../../src/store/index.ts';
import { startHttpReceiver } from '../support/httpReceiver.ts';
import { addWebhookChannel, recordRunFailed } from '../support/notificationChannels.ts';
import { type SpawnedServer, startServer } from '../support/serverProcess.ts';
import { waitFor } from '../support/waitFor.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET_KEY = 'notify-cluster-secret-key-0123456789abcdef';
const WEBHOOK_SECRET = 'a-webhook-secret-of-32-characters';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('notifications in distributed mode', { timeout: 240_000 }, () => {
  it('two servers on one database deliver each notification once', async () => {
    const schema = `lbb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const prefix = `lbb_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
    const store = await createStore({ databaseUrl: PG_URL, pgSchema: schema });
    const dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-e2e-notify-')));
    cleanups.push(async () => {
      await store.close();
      await dropPgSchema(PG_URL, schema);
      const redis = connectRedis(REDIS_URL, 'commands');
      await deleteKeys(redis, prefix).finally(() => closeRedis(redis));
      for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    });

    const receiver = await startHttpReceiver((req, res) => {
      const valid = verifyWebhookSignature(
        req.body,
        req.headers['x-lbb-signature'] as string,
        WEBHOOK_SECRET,
      );
      res.writeHead(valid ? 200 : 401).end(valid ? 'ok' : 'bad signature');
    });
    cleanups.push(() => receiver.close());
    await addWebhookChannel(store, {
      id: 'team-hook',
      name: 'Team hook',
      language: 'fr',
      url: `${receiver.origin}/hook`,
      secret: WEBHOOK_SECRET,
      secretKey: SECRET_KEY,
    });

    const servers: SpawnedServer[] = [];
    for (const dataDir of dataDirs) {
      // Without a worker /health answers 503: up once it answers at all.
      const server = await startServer(
        {
          DATA_DIR: dataDir,
          QUEUE: 'bullmq',
          DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`,
          REDIS_URL,
          QUEUE_PREFIX: prefix,
          SECRET_KEY,
          ADMIN_PASSWORD: 'admin-password-1',
        },
        'serve',
        { ready: 'answering' },
      );
      servers.push(server);
      cleanups.push(() => server.close());
    }

    const delivered = () => store.notifications.listDeliveries({ channel_id: 'team-hook', limit: 100 });
    const allDelivered = (count: number) =>
      waitFor(
        async () => {
          const deliveries = await delivered();
          return (
            deliveries.length === count && deliveries.every((d) => d.status === 'delivered') && deliveries
          );
        },
        { timeoutMs: 90_000, what: `${count} deliveries delivered` },
      );

    for (let i = 0; i < 10; i++) await recordRunFailed(store);
    await allDelivered(10);
    // One server shuts down (it may be the one sending): the other carries on.
    expect(await servers[0]!.stop()).toBe(0);
    for (let i = 0; i < 10; i++) await recordRunFailed(store);
    const deliveries = await allDelivered(20);

    const ids = receiver.requests.map((r) => r.headers['x-lbb-delivery'] as string);
    expect(ids).toHaveLength(20);
    expect(new Set(ids)).toEqual(new Set(deliveries.map((d) => d.id)));
    expect(deliveries.every((d) => d.attempts === 1)).toBe(true);
  });
});
