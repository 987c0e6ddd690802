/**
 * One attempt (`attemptDelivery`) and the channel's test button (`sendTestNotification`)
 * against a real SQLite store and a real webhook receiver on loopback: the receiver's answer
 * is returned and logged, and every failure is a result (never an exception) saying whether
 * trying again could help.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type HttpReceiver, startHttpReceiver } from '../../test/support/httpReceiver.ts';
import { addWebhookChannel } from '../../test/support/notificationChannels.ts';
import { sleep } from '../../test/support/waitFor.ts';
import type { WebhookBody } from '../contract/notifications.ts';
import { createLogger } from '../logger.ts';
import { createStore } from '../store/index.ts';
import type { NotificationChannel, Store } from '../store/interfaces.ts';
import { sealSecrets } from './channelSecrets.ts';
import { type ChannelAdapters, createChannelAdapters } from './channels/index.ts';
import { verifyWebhookSignature } from './channels/webhook.ts';
import { attemptDelivery, type DeliveryDeps } from './deliver.ts';
import { renderMessage } from './render.ts';
import { NotificationSender } from './sender.ts';
import { sendTestNotification, TEST_SEND_LEASE_MS } from './testSend.ts';

const SECRET_KEY = 'test-send-secret-key-0123456789abcdef';
const WEBHOOK_SECRET = 'a-webhook-secret-of-32-characters';

let dir: string;
let store: Store;
let receiver: HttpReceiver;
let statuses: number[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lbb-testsend-'));
  store = await createStore({ databaseUrl: path.join(dir, 'store.db') });
  statuses = [200];
  let answered = 0;
  receiver = await startHttpReceiver((req, res) => {
    if (!verifyWebhookSignature(req.body, req.headers['x-lbb-signature'] as string, WEBHOOK_SECRET)) {
      return void res.writeHead(401).end('bad signature');
    }
    const status = statuses[Math.min(answered++, statuses.length - 1)]!;
    res.writeHead(status).end(`answer ${status}`);
  });
});

afterEach(async () => {
  await receiver.close();
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function deps(over: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    store,
    secretKey: SECRET_KEY,
    adapters: createChannelAdapters({ timeoutMs: 2_000 }),
    render: renderMessage,
    now: () => new Date(),
    dashboardUrl: 'https://bot.example.test',
    ...over,
  };
}

function webhookChannel(over: Partial<NotificationChannel> = {}): Promise<NotificationChannel> {
  return addWebhookChannel(store, {
    name: 'Team chat',
    url: `${receiver.origin}/hook`,
    secret: WEBHOOK_SECRET,
    secretKey: SECRET_KEY,
    ...over,
  });
}

describe('the test button', () => {
  it("sends a test event once, logs it and returns the receiver's answer", async () => {
    const channel = await webhookChannel();
    const { delivery, result } = await sendTestNotification(deps(), channel, 'default');

    expect(result).toMatchObject({ ok: true, status: 200, response: 'answer 200', error: null });
    expect(delivery).toMatchObject({
      channel_id: channel.id,
      account_id: 'default',
      event: 'test',
      event_id: null,
      status: 'delivered',
      attempts: 1,
      response_status: 200,
      response_body: 'answer 200',
    });
    expect(await store.notifications.listDeliveries({ channel_id: channel.id, limit: 10 })).toEqual([
      delivery,
    ]);
    expect(receiver.requests).toHaveLength(1);
    const body = JSON.parse(receiver.requests[0]!.body.toString('utf8')) as WebhookBody;
    expect(body).toMatchObject({ id: delivery.id, event: 'test', account_id: 'default' });
    expect(receiver.requests[0]!.headers['x-lbb-event']).toBe('test');
    expect(delivery.text).toBe(body.text);
    expect(body.text).not.toBe('');
  });

  it('records a failed test without ever retrying it, even with a sender running', async () => {
    statuses = [503];
    const channel = await webhookChannel();
    const sender = new NotificationSender({
      ...deps(),
      logger: createLogger('silent'),
      pollIntervalMs: 20,
      retryDelayMs: () => 10,
    });
    sender.start();
    try {
      const { delivery, result } = await sendTestNotification(deps(), channel, 'default');
      expect(result).toMatchObject({ ok: false, status: 503, retryable: true, response: 'answer 503' });
      expect(delivery).toMatchObject({ status: 'failed', attempts: 1, response_status: 503 });
      expect(delivery.last_error).toContain('503');
      await sleep(300);
      expect(receiver.requests).toHaveLength(1);
      expect((await store.notifications.getDelivery(delivery.id))?.status).toBe('failed');
    } finally {
      await sender.stop();
    }
  });
});

/** The real store whose `recordAttempt` fails its first `failures` calls (a store outage). */
function storeFailingRecords(failures: number): Store {
  let left = failures;
  const notifications: Store['notifications'] = Object.create(store.notifications);
  notifications.recordAttempt = (...args) =>
    left-- > 0 ? Promise.reject(new Error('store down')) : store.notifications.recordAttempt(...args);
  return Object.assign(Object.create(store) as Store, { notifications });
}

describe('a test the button could not finish', () => {
  it('is recorded failed when recording its answer throws', async () => {
    const channel = await webhookChannel();
    await expect(
      sendTestNotification(deps({ store: storeFailingRecords(1) }), channel, 'default'),
    ).rejects.toThrow('store down');
    expect(receiver.requests).toHaveLength(1);
    const [delivery] = await store.notifications.listDeliveries({ channel_id: channel.id, limit: 10 });
    expect(delivery).toMatchObject({
      event: 'test',
      status: 'failed',
      attempts: 1,
      lease_until: null,
      last_error: 'the test could not be recorded',
    });
    // Finished, so it can be sent again.
    expect(await store.notifications.resend(delivery!.id, new Date().toISOString())).not.toBeNull();
  });

  it('is taken back and sent by the sender once its lease has passed (the process died)', async () => {
    const channel = await webhookChannel();
    const start = Date.now();
    await expect(
      sendTestNotification(deps({ store: storeFailingRecords(2) }), channel, 'default'),
    ).rejects.toThrow('store down');
    const [stuck] = await store.notifications.listDeliveries({ channel_id: channel.id, limit: 10 });
    expect(stuck).toMatchObject({ status: 'sending', attempts: 1 });
    const lease = Date.parse(stuck!.lease_until!);
    expect(lease - start).toBeGreaterThanOrEqual(TEST_SEND_LEASE_MS);
    expect(lease - Date.now()).toBeLessThanOrEqual(TEST_SEND_LEASE_MS);

    // A sender running now leaves it alone; one whose clock is past the lease takes it back.
    const runSender = async (aheadMs: number) => {
      const sender = new NotificationSender({
        ...deps({ now: () => new Date(Date.now() + aheadMs) }),
        logger: createLogger('silent'),
        pollIntervalMs: 20,
      });
      sender.start();
      await sleep(300);
      await sender.stop();
    };
    await runSender(0);
    expect(receiver.requests).toHaveLength(1);
    expect((await store.notifications.getDelivery(stuck!.id))?.status).toBe('sending');
    await runSender(TEST_SEND_LEASE_MS + 1_000);
    expect(receiver.requests).toHaveLength(2);
    expect(await store.notifications.getDelivery(stuck!.id)).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lease_until: null,
    });
  });
});

describe('one attempt', () => {
  async function attempt(channel: NotificationChannel, over: Partial<DeliveryDeps> = {}) {
    const now = new Date().toISOString();
    const id = randomUUID();
    await store.notifications.insertDelivery({
      id,
      event_id: null,
      channel_id: channel.id,
      account_id: 'default',
      event: 'test',
      data: {},
      status: 'sending',
      next_attempt_at: null,
      created_at: now,
    });
    const delivery = (await store.notifications.getDelivery(id))!;
    return attemptDelivery(deps(over), delivery, channel);
  }

  it('fails without retry when SECRET_KEY changed since the secrets were sealed', async () => {
    const channel = await webhookChannel({
      secrets_encrypted: sealSecrets({ secret: WEBHOOK_SECRET }, 'another-secret-key-0123456789abcdef'),
    });
    const { result, message } = await attempt(channel);
    expect(result).toEqual({
      ok: false,
      status: null,
      response: null,
      error: 'secrets unreadable: SECRET_KEY changed',
      retryable: false,
    });
    expect(message).toBeNull();
    expect(receiver.requests).toHaveLength(0);
  });

  it('fails without retry when the stored settings do not fit the channel type', async () => {
    const channel = await webhookChannel({ config: { url: 'ftp://files.example.test/x' } });
    const { result } = await attempt(channel);
    expect(result).toMatchObject({ ok: false, retryable: false });
    expect(result.error).toContain('url');
    expect(receiver.requests).toHaveLength(0);
  });

  it('turns an adapter that throws into a failure worth retrying', async () => {
    const channel = await webhookChannel();
    const real = createChannelAdapters();
    const throwing: ChannelAdapters = {
      ...real,
      webhook: {
        type: 'webhook',
        send: () => Promise.reject(new Error('boom with secret a-webhook-secret-of-32-characters')),
      },
    };
    const { result, message } = await attempt(channel, { adapters: throwing });
    expect(result).toMatchObject({ ok: false, retryable: true, status: null });
    expect(result.error).not.toContain(WEBHOOK_SECRET);
    expect(message?.event).toBe('test');
  });

  it('gives up on an adapter that does not answer within the deadline', async () => {
    const channel = await webhookChannel();
    let aborted = false;
    const hanging: ChannelAdapters = {
      ...createChannelAdapters(),
      webhook: {
        type: 'webhook',
        // Sees the abort but never settles: the attempt must end anyway.
        send: (_message, _config, _secrets, signal) =>
          new Promise(() => {
            signal?.addEventListener('abort', () => {
              aborted = true;
            });
          }),
      },
    };
    const started = performance.now();
    const { result } = await attempt(channel, { adapters: hanging, timeoutMs: 200 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result).toMatchObject({ ok: false, retryable: true, error: 'no answer within 0.2 s' });
    expect(aborted).toBe(true);
  });
});
